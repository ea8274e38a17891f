using System.Diagnostics;
using System.Globalization;
using Insights.Analytics.Extensions;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Analytics.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Insights.Benchmarks.Analytics;

/// <summary>
/// Job claims per second: W workers (default 4) claim and finish N no-op jobs (default 10,000) through the app's
/// <see cref="JobQueue"/>, on PostgreSQL (a private cluster, FOR UPDATE SKIP LOCKED) and on SQLite (compare-and-set),
/// with the double claims counted two ways: ids claimed twice, and jobs whose attempts are not exactly one. The bare
/// baseline is the same claim-and-finish pair as two plain Npgsql statements, without EF Core or the queue.
/// </summary>
internal static class ClaimsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var jobs = BenchmarkArgs.Int(args, "--jobs", 10_000);
        var workers = BenchmarkArgs.Int(args, "--workers", 4);
        BenchmarkArgs.Header($"claims: {workers} workers on {jobs:N0} no-op jobs");
        var cluster = await PostgresCluster.GetAsync();

        var bare = await BareAsync(cluster, jobs, workers);
        var postgres = await QueueAsync(StorageOptions.Postgres, cluster, jobs, workers);
        var sqlite = await QueueAsync(StorageOptions.Sqlite, cluster, jobs, workers);

        Console.WriteLine($"   {"run",-52} {"claims/s",10} {"vs bare",8} {"double claims",14} {"attempts != 1",14}");
        foreach (var run in (Run[])[bare, postgres, sqlite])
            Console.WriteLine($"   {run.Name,-52} {run.PerSecond,10:N0} {run.PerSecond / bare.PerSecond,8:0.00} {run.DoubleClaims,14} {run.NotOnce,14}");
        Console.WriteLine($"   PostgreSQL / SQLite: {postgres.PerSecond / sqlite.PerSecond:0.00}");
        return postgres.DoubleClaims + postgres.NotOnce + sqlite.DoubleClaims + sqlite.NotOnce == 0 ? 0 : 1;
    }

    private sealed record Run(string Name, double PerSecond, int DoubleClaims, int NotOnce);

    private static async Task<Run> QueueAsync(string provider, PostgresCluster cluster, int jobs, int workers)
    {
        var directory = Path.Combine(Path.GetTempPath(), "insights-claims-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory };
        string? database = null;
        if (provider == StorageOptions.Postgres)
        {
            database = await cluster.CreateDatabaseAsync();
            settings["Storage:Provider"] = StorageOptions.Postgres;
            settings["ConnectionStrings:Insights"] = database;
            settings["Storage:MigrateOnStart"] = "true";
        }
        try
        {
            await using var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
                .AddLogging()
                .AddAnalytics(directory)
                .BuildServiceProvider();
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var contexts = services.GetRequiredService<IDbContextFactory<InsightsDbContext>>();
            await using (var context = await contexts.CreateDbContextAsync())
            {
                context.Jobs.AddRange(Enumerable.Range(0, jobs).Select(i => new BackgroundJob { Kind = "noop", Title = $"No-op {i}", CreatedUtc = DateTime.UtcNow }));
                await context.SaveChangesAsync();
            }
            var queue = services.GetRequiredService<JobQueue>();

            var watch = Stopwatch.StartNew();
            var claimed = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                var worker = $"worker-{w}";
                var mine = new List<long>();
                while (true)
                {
                    if (await queue.ClaimNextAsync(worker) is not { } job)
                    {
                        // The portable claim gives up after a few lost races; only an empty queue ends a worker.
                        await using var context = await contexts.CreateDbContextAsync();
                        if (!await context.Jobs.AnyAsync(j => j.Status == JobStatus.Queued))
                            return mine;
                        continue;
                    }
                    mine.Add(job.Id);
                    await queue.FinishAsync(job.Id, worker, JobStatus.Succeeded, null, null);
                }
            })));
            watch.Stop();

            var ids = claimed.SelectMany(c => c).ToList();
            await using var check = await contexts.CreateDbContextAsync();
            var notOnce = await check.Jobs.CountAsync(j => j.Attempts != 1 || j.Status != JobStatus.Succeeded);
            var split = string.Join('/', claimed.Select(c => c.Count.ToString(CultureInfo.InvariantCulture)));
            return new Run($"JobQueue on {provider} (split {split})", ids.Count / watch.Elapsed.TotalSeconds, ids.Count - ids.Distinct().Count(), notOnce);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (database is not null)
                await cluster.DropDatabaseAsync(database);
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The floor: the same two statements per job on plain connections, no ORM, no queue.</summary>
    private static async Task<Run> BareAsync(PostgresCluster cluster, int jobs, int workers)
    {
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            await using var source = NpgsqlDataSource.Create(database);
            await using (var create = source.CreateCommand(
                "CREATE TABLE bare_jobs (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, status int NOT NULL, claimed_by text, attempts int NOT NULL DEFAULT 0); " +
                "CREATE INDEX ON bare_jobs (status, id); " +
                $"INSERT INTO bare_jobs (status) SELECT 0 FROM generate_series(1, {jobs})"))
                await create.ExecuteNonQueryAsync();

            var watch = Stopwatch.StartNew();
            var claimed = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                var mine = new List<long>();
                await using var connection = await source.OpenConnectionAsync();
                while (true)
                {
                    await using var claim = new NpgsqlCommand(
                        "UPDATE bare_jobs SET status = 1, claimed_by = @w, attempts = attempts + 1 WHERE status = 0 AND id = " +
                        "(SELECT id FROM bare_jobs WHERE status = 0 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id", connection);
                    claim.Parameters.AddWithValue("w", $"worker-{w}");
                    if (await claim.ExecuteScalarAsync() is not long id)
                        return mine;
                    mine.Add(id);
                    await using var finish = new NpgsqlCommand("UPDATE bare_jobs SET status = 2 WHERE id = @id AND claimed_by = @w", connection);
                    finish.Parameters.AddWithValue("id", id);
                    finish.Parameters.AddWithValue("w", $"worker-{w}");
                    await finish.ExecuteNonQueryAsync();
                }
            })));
            watch.Stop();

            var ids = claimed.SelectMany(c => c).ToList();
            await using var count = source.CreateCommand("SELECT count(*) FROM bare_jobs WHERE attempts <> 1 OR status <> 2");
            var notOnce = (int)(long)(await count.ExecuteScalarAsync())!;
            return new Run("bare Npgsql on PostgreSQL (SKIP LOCKED)", ids.Count / watch.Elapsed.TotalSeconds, ids.Count - ids.Distinct().Count(), notOnce);
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }
}
