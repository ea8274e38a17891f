using System.Diagnostics;
using System.Globalization;
using Insights.Analytics.Storage;
using Insights.Analytics.Tests;
using Npgsql;

namespace Insights.Benchmarks.Analytics;

/// <summary>
/// Our posts import into PostgreSQL (ImportService.ImportFileAsync: keep the original, detect, parse and validate every
/// field, binary COPY into a staging table and one merge into posts, in one transaction) against psql's bare
/// <c>\copy ... (FORMAT csv)</c> of the same file into an equivalent table with a unique post-id index. Both on the
/// private cluster of the tests (fsync off for both), each run on a fresh database; runs alternate, medians are reported.
/// </summary>
internal static class PostgresImportBenchmark
{
    // The export's columns, typed like ours, and the same uniqueness (all rows of one file are one profile's).
    private const string BaselineSchema = """
        CREATE TABLE posts (
            post_id text NOT NULL, published timestamptz NOT NULL, post_type text, caption text, permalink text,
            likes bigint NOT NULL, comments bigint NOT NULL, shares bigint, saves bigint,
            impressions bigint, reach bigint, duration double precision);
        CREATE UNIQUE INDEX posts_post_id ON posts (post_id);
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = BenchmarkArgs.Int(args, "--rows", 1_000_000);
        var runs = BenchmarkArgs.Int(args, "--runs", 3);
        BenchmarkArgs.Header($"pgimport: {rows:N0} posts into PostgreSQL, {runs} runs each, alternating");
        var cluster = await PostgresCluster.GetAsync();

        var root = Path.Combine(Path.GetTempPath(), "insights-pgbench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            var csv = Path.Combine(root, "posts.csv");
            var bytes = PostsCsvGenerator.Write(csv, rows);
            Console.WriteLine($"   generated {csv}: {bytes / 1e6:F1} MB");

            var small = Path.Combine(root, "small.csv");
            PostsCsvGenerator.Write(small, 20_000, seed: 2);
            await OursAsync(cluster, small, Path.Combine(root, "warmup"), 20_000);

            var ours = new List<double>();
            var baseline = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var oursSeconds = await OursAsync(cluster, csv, Path.Combine(root, $"ours-{run}"), rows);
                ours.Add(oursSeconds);
                Console.WriteLine($"   run {run}: ours       {oursSeconds,7:F2} s  {rows / oursSeconds,10:N0} rows/s");
                var copySeconds = await PsqlCopyAsync(cluster, csv, rows);
                baseline.Add(copySeconds);
                Console.WriteLine($"   run {run}: psql \\copy {copySeconds,7:F2} s  {rows / copySeconds,10:N0} rows/s");
            }

            var oursRate = rows / BenchmarkArgs.Median(ours);
            var baselineRate = rows / BenchmarkArgs.Median(baseline);
            Console.WriteLine($"   median: ours {oursRate:N0} rows/s, psql \\copy {baselineRate:N0} rows/s, " +
                $"ratio {oursRate / baselineRate:F2} (target >= 0.50)");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<double> OursAsync(PostgresCluster cluster, string csv, string dataDirectory, int rows)
    {
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            return await ImportBenchmark.OursAsync(csv, dataDirectory, rows, settings: new Dictionary<string, string?>
            {
                ["Storage:Provider"] = StorageOptions.Postgres,
                ["ConnectionStrings:Insights"] = database,
                ["Storage:MigrateOnStart"] = "true",
            });
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    private static async Task<double> PsqlCopyAsync(PostgresCluster cluster, string csv, int rows)
    {
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            await Psql(cluster, database, BaselineSchema);
            var clock = Stopwatch.StartNew();
            await Psql(cluster, database, $"\\copy posts FROM '{csv}' WITH (FORMAT csv, HEADER true)");
            clock.Stop();
            var count = (await Psql(cluster, database, "SELECT count(*) FROM posts")).Trim();
            if (count != rows.ToString(CultureInfo.InvariantCulture))
                throw new InvalidOperationException($"psql \\copy loaded {count} rows, expected {rows:N0}");
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    private static async Task<string> Psql(PostgresCluster cluster, string connectionString, string command)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(cluster.ToolPath("psql"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", connection.Host!, "-p",
                     connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, "-d", connection.Database!, "-c", command])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start psql");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"psql failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
