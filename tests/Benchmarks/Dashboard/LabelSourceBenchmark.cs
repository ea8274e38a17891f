using System.Diagnostics;
using Insights.Analytics.Annotations;
using Insights.Analytics.Caching;
using Insights.Analytics.Extensions;
using Insights.Benchmarks.Analytics;
using Insights.Dashboard.Labels;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Insights.Benchmarks.Dashboard;

/// <summary>
/// Reading a labelled profile's labels (what Library, Labels, Drivers and Predict ask for) on a copy of a data
/// directory's database: a whole read by a fresh reader, against the bare baseline of the database read alone
/// (the same rows read from their columns), and the refresh after labelling added one row, which reads only that row.
/// </summary>
internal static class LabelSourceBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var index = Array.IndexOf(args, "--data");
        if (index < 0 || index + 1 >= args.Length || !File.Exists(Path.Combine(args[index + 1], "insights.db")))
        {
            Console.Error.WriteLine("usage: labelsource --data DIR [--profile ID] [--runs N]   (DIR holds a labelled insights.db, e.g. INSIGHTS_E2E_DATA's)");
            return 2;
        }
        var profileId = BenchmarkArgs.Int(args, "--profile", 1);
        var runs = BenchmarkArgs.Int(args, "--runs", 5);
        var directory = Path.Combine(Path.GetTempPath(), "insights-labelsource-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(args[index + 1], "insights.db"), Path.Combine(directory, "insights.db"));
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory })
                .Build();
            await using var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(configuration)
                .AddLogging()
                .AddAnalytics(directory)
                .AddSingleton<PostLabelSource>()
                .BuildServiceProvider();
            var store = services.GetRequiredService<AnnotationStore>();
            var logger = services.GetRequiredService<ILogger<PostLabelSource>>();
            var stored = await store.LatestOfProfileAsync(profileId);
            BenchmarkArgs.Header($"labelsource: profile {profileId}, {stored.Count:N0} labelled media files, {runs} runs alternating");

            var bare = new List<double>();
            var whole = new List<double>();
            var increment = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                await store.LatestOfProfileAsync(profileId);
                bare.Add(clock.Elapsed.TotalMilliseconds);

                var cache = new StampedCache(new MemoryCache(new MemoryCacheOptions { SizeLimit = 1L << 30 }), Microsoft.Extensions.Options.Options.Create(new CacheOptions()));
                var source = new PostLabelSource(store, services.GetRequiredService<Insights.Analytics.CustomLabels.CustomLabelStore>(), cache, logger);
                clock.Restart();
                var posts = (await source.AutomaticLabelsAsync(profileId)).Count;
                whole.Add(clock.Elapsed.TotalMilliseconds);

                // Labelling adds a row (a newer version of one file's labels): the next read takes only that row.
                var row = stored[run % stored.Count];
                await store.SaveAsync(row.AssetId, $"bench-{run}", row.Labels, null);
                clock.Restart();
                var after = (await source.AutomaticLabelsAsync(profileId)).Count;
                increment.Add(clock.Elapsed.TotalMilliseconds);
                if (after != posts)
                    throw new InvalidOperationException($"The refresh changed the number of labelled posts ({posts} -> {after}).");
            }
            double b = BenchmarkArgs.Median(bare), w = BenchmarkArgs.Median(whole), i = BenchmarkArgs.Median(increment);
            Console.WriteLine($"   database read alone (bare): {b:F0} ms; whole read into labels: {w:F0} ms (ratio {w / b:F2})");
            Console.WriteLine($"   refresh after labelling added a row: {i:F1} ms (ratio {i / w:F3} of a whole read)");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
