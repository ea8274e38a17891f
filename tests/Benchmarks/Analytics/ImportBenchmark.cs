using System.Diagnostics;
using Insights.Analytics.Extensions;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Benchmarks.Analytics;

/// <summary>
/// Our posts import (ImportService.ImportFileAsync: keep the original, detect, parse and validate
/// every field, upsert in one transaction) against the sqlite3 shell's bare `.import --csv` of the
/// same file into an equivalent table with a unique post-id index. Runs alternate; medians are reported.
/// </summary>
internal static class ImportBenchmark
{
    // The baseline table: the export's columns, typed like ours, and the same uniqueness. All rows of
    // one file belong to one profile, so UNIQUE(post_id) does the work of our UNIQUE(profile, post id).
    private const string BaselineSchema = """
        CREATE TABLE posts (
            post_id TEXT NOT NULL, published TEXT NOT NULL, post_type TEXT, caption TEXT, permalink TEXT,
            likes INTEGER NOT NULL, comments INTEGER NOT NULL, shares INTEGER, saves INTEGER,
            impressions INTEGER, reach INTEGER, duration REAL);
        CREATE UNIQUE INDEX posts_post_id ON posts (post_id);
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = BenchmarkArgs.Int(args, "--rows", 1_000_000);
        var runs = BenchmarkArgs.Int(args, "--runs", 5);
        BenchmarkArgs.Header($"import: {rows:N0} posts, {runs} runs each, alternating");

        var root = Path.Combine(Path.GetTempPath(), "insights-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            var csv = Path.Combine(root, "posts.csv");
            var clock = Stopwatch.StartNew();
            var bytes = PostsCsvGenerator.Write(csv, rows);
            Console.WriteLine($"   generated {csv}: {bytes / 1e6:F1} MB in {clock.Elapsed.TotalSeconds:F1} s");

            // Warm-up on a smaller file so JIT and first-use costs do not land on run 1 (after one of 20,000 rows run 1 was the slowest of every series).
            var small = Path.Combine(root, "small.csv");
            var warmupRows = Math.Min(rows, 100_000);
            PostsCsvGenerator.Write(small, warmupRows, seed: 2);
            await OursAsync(small, Path.Combine(root, "warmup"), warmupRows);
            if (args.Contains("--phases"))
                await OursAsync(csv, Path.Combine(root, "phases"), rows, (services, profileId) => ImportPhases.RunAsync(csv, rows, services, profileId));

            var ours = new List<double>();
            var baseline = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var oursSeconds = await OursAsync(csv, Path.Combine(root, $"ours-{run}"), rows);
                ours.Add(oursSeconds);
                Console.WriteLine($"   run {run}: ours    {oursSeconds,7:F2} s  {rows / oursSeconds,10:N0} rows/s");
                var sqliteSeconds = Sqlite3(csv, Path.Combine(root, $"sqlite3-{run}.db"), rows);
                baseline.Add(sqliteSeconds);
                Console.WriteLine($"   run {run}: sqlite3 {sqliteSeconds,7:F2} s  {rows / sqliteSeconds,10:N0} rows/s");
            }

            var oursRate = rows / BenchmarkArgs.Median(ours);
            var baselineRate = rows / BenchmarkArgs.Median(baseline);
            Console.WriteLine($"   median: ours {oursRate:N0} rows/s, sqlite3 .import {baselineRate:N0} rows/s, " +
                $"ratio {oursRate / baselineRate:F2} (target >= 0.70)");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Seconds of our import of <paramref name="csv"/> into a fresh database (SQLite unless <paramref name="settings"/> say otherwise).</summary>
    internal static async Task<double> OursAsync(string csv, string dataDirectory, int expectedRows, Func<IServiceProvider, int, Task>? instead = null,
        IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Storage:DataDirectory"] = dataDirectory };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddAnalytics(dataDirectory)
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var import = services.GetRequiredService<ImportService>();
        var profile = await import.EnsureProfileAsync("bench");
        if (instead is not null)
        {
            await instead(services, profile.Id);
            return 0;
        }

        var pauses = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        var user = Process.GetCurrentProcess().UserProcessorTime;
        var system = Process.GetCurrentProcess().PrivilegedProcessorTime;
        var clock = Stopwatch.StartNew();
        await using (var stream = File.OpenRead(csv))
        {
            var report = await import.ImportFileAsync(profile.Id, "posts.csv", stream);
            clock.Stop();
            if (!report.Succeeded || report.Inserted != expectedRows)
                throw new InvalidOperationException($"our import failed: {report.Inserted:N0} inserted, {string.Join("; ", report.Errors.Take(5))}");
        }
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"   (ours: CPU {(Process.GetCurrentProcess().UserProcessorTime - user).TotalSeconds:F2} s user + {(Process.GetCurrentProcess().PrivilegedProcessorTime - system).TotalSeconds:F2} s system, {GC.CollectionCount(0) - collections} garbage collections, paused {(GC.GetTotalPauseDuration() - pauses).TotalSeconds:F2} s)");
        return clock.Elapsed.TotalSeconds;
    }

    private static double Sqlite3(string csv, string database, int expectedRows)
    {
        RunSqlite3(database, BaselineSchema);
        var clock = Stopwatch.StartNew();
        RunSqlite3(database, $".import --csv --skip 1 '{csv}' posts\n");
        clock.Stop();
        var count = RunSqlite3(database, "SELECT count(*) FROM posts;").Trim();
        if (count != expectedRows.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"sqlite3 imported {count} rows, expected {expectedRows:N0}");
        return clock.Elapsed.TotalSeconds;
    }

    private static string RunSqlite3(string database, string script)
    {
        var start = new ProcessStartInfo("sqlite3", [database])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("cannot start the sqlite3 shell, the baseline of this benchmark (apt-get install sqlite3)", ex);
        }
        using var process = started ?? throw new InvalidOperationException("cannot start the sqlite3 shell");
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || error.Length > 0)
            throw new InvalidOperationException($"sqlite3 failed ({process.ExitCode}): {error}");
        return output;
    }
}
