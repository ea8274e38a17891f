using System.Diagnostics;
using Insights.Analytics.Engagement;
using Insights.Analytics.Recommendations;
using Insights.Analytics.Timing;
using Insights.Benchmarks.Analytics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Benchmarks.Dashboard;

/// <summary>
/// What to post next for one profile of 100,000 synthetic posts with planted effects: the drivers model trained once
/// (as the background job does, not timed against anything), then the suggestions as the page computes them (the
/// posts loaded from the database with cold caches, and the recommender with the model's partial dependence and its
/// interaction search) beside the bare baseline of reading the same rows with a SqliteDataReader, alternated.
/// </summary>
internal static class RecommendBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var posts = BenchmarkArgs.Int(args, "--posts", 100_000);
        var runs = BenchmarkArgs.Int(args, "--runs", 3);
        var options = new RecommendationOptions();
        BenchmarkArgs.Header($"recommend: one profile of {posts:N0} synthetic posts, {runs} runs, background rows {options.BackgroundRows}, {options.SettingsPerValue} settings per value");
        var directory = Path.Combine(Path.GetTempPath(), "insights-recommend-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var clock = Stopwatch.StartNew();
            await SyntheticProfiles.GenerateAsync(directory, 1, posts);
            Console.WriteLine($"   generated in {clock.Elapsed.TotalSeconds:F0} s");
            DriversModel model;
            await using (var services = SyntheticProfiles.Services(directory))
            {
                var loaded = await services.GetRequiredService<EngagementService>().LoadPostsAsync(1);
                clock.Restart();
                model = DriversTrainer.Train(loaded, services.GetRequiredService<EngagementService>().Options);
                Console.WriteLine($"   drivers model trained with its validation in {clock.Elapsed.TotalSeconds:F0} s (the background job's work; CV R² {model.Metrics.CrossValidatedR2:F2})");
            }

            var ours = new List<double>();
            var load = new List<double>();
            var bare = new List<double>();
            var rows = 0;
            RecommendationResult result = null!;
            // The first of each warms up; then alternated, so a neighbour's load on the shared machine hits both alike.
            for (var run = 0; run <= runs; run++)
            {
                clock.Restart();
                rows = await SyntheticProfiles.BareReadAsync(directory, [1]);
                var b = clock.Elapsed.TotalMilliseconds;
                await using var services = SyntheticProfiles.Services(directory);
                var engagement = services.GetRequiredService<EngagementService>();
                clock.Restart();
                var loaded = await engagement.LoadPostsAsync(1);
                var l = clock.Elapsed.TotalMilliseconds;
                result = Recommender.Compute(loaded, services.GetRequiredService<BestTimesService>().Zone(null), engagement.Options, options, model);
                var o = clock.Elapsed.TotalMilliseconds;
                if (run > 0)
                {
                    bare.Add(b);
                    load.Add(l);
                    ours.Add(o);
                }
                SqliteConnection.ClearAllPools();
            }
            double ourMedian = BenchmarkArgs.Median(ours), bareMedian = BenchmarkArgs.Median(bare), loadMedian = BenchmarkArgs.Median(load);
            Console.WriteLine($"   suggestions ({result.Suggestions.Count} suggested, {result.Avoid.Count} to avoid, {result.ChoicesTested} choices tested, {result.Interactions.Count} interactions, basis {result.Basis}): " +
                $"{ourMedian / 1000:F2} s, of which loading the posts {loadMedian / 1000:F2} s; bare read of the same {rows:N0} rows {bareMedian / 1000:F2} s (ratio {ourMedian / bareMedian:F1}; medians of {runs})");
            foreach (var item in result.Suggestions)
                Console.WriteLine($"     {item.Advice}: × {item.PredictedLift:F2} ({item.Low:F2}–{item.High:F2}), n = {item.N:N0}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
