using System.Diagnostics;
using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Statistics;

namespace Insights.Benchmarks.Analytics;

/// <summary>
/// The engagement analytics at scale: training the drivers model (100,000 posts x 40 features), one
/// partial dependence on 20 grid points over 100,000 rows against 20 bare batch predictions, and the
/// by-label breakdown with bootstrap intervals against the naive bootstrap (resample, sort) of the same groups.
/// Recorded 2026-11-23 on the shared 2-core machine (load average ~10 from other work, so +-5x noise), Release:
/// one fit 2.2 s and 12.3 s (two runs); fit with 5-fold CV + time split + permutation importance (40 features x 5
/// repeats) 309 s; PDP + ICE 20 points x 100,000 rows 5.6-5.7 s vs 7.5-12.3 s for 20 bare batch predictions;
/// label breakdown (14 categories, 168 groups, 1000 resamples) 0.98-1.15 s vs ~200 s estimated for the naive bootstrap.
/// </summary>
internal static class EngagementBenchmark
{
    public static int Run(string[] args)
    {
        var posts = BenchmarkArgs.Int(args, "--posts", 100_000);
        var features = BenchmarkArgs.Int(args, "--features", 40);
        var full = args.Contains("--validate");
        var options = new EngagementOptions();
        BenchmarkArgs.Header($"engagement: {posts:N0} posts, {features} features, LightGBM {options.Iterations} rounds x {options.Leaves} leaves, {Environment.ProcessorCount} cores");

        var (x, y, layout) = Matrix(posts, features, 1);
        var published = Enumerable.Range(0, posts).Select(i => new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 20)).ToArray();
        DriversTrainer.Train(x[..2000], y[..2000], published[..2000], layout, "bench", TargetMetric.PopularityRate, false, options, validate: false); // warm-up

        var clock = Stopwatch.StartNew();
        var model = DriversTrainer.Train(x, y, published, layout, "bench", TargetMetric.PopularityRate, false, options, validate: false);
        Console.WriteLine($"   train (one fit): {clock.Elapsed.TotalSeconds:F1} s");
        if (full)
        {
            clock.Restart();
            var validated = DriversTrainer.Train(x, y, published, layout, "bench", TargetMetric.PopularityRate, false, options);
            Console.WriteLine($"   train with {options.CrossValidationFolds}-fold CV, time split and permutation importance ({options.ImportanceRepeats} repeats): " +
                $"{clock.Elapsed.TotalSeconds:F1} s; CV R^2 {validated.Metrics.CrossValidatedR2:F3} vs mean-only {validated.Metrics.BaselineR2:F3}");
        }

        model.PartialDependence("f0", 3, 10); // warm-up
        // Alternated, twice, so that a neighbour's load on the shared machine hits both alike.
        double pdpSeconds = 0, bareSeconds = 0;
        PartialDependenceResult pd = null!;
        for (var run = 0; run < 2; run++)
        {
            clock.Restart();
            for (var g = 0; g < 20; g++) model.PredictBatch(x);
            bareSeconds += clock.Elapsed.TotalSeconds / 2;
            clock.Restart();
            pd = model.PartialDependence("f0", 20, 50);
            pdpSeconds += clock.Elapsed.TotalSeconds / 2;
        }
        Console.WriteLine($"   PDP + ICE of one feature, {pd.GridValues.Length} grid points over {posts:N0} rows: {pdpSeconds:F1} s; " +
            $"{pd.GridValues.Length} bare batch predictions: {bareSeconds:F1} s (ratio {pdpSeconds / bareSeconds:F2})");

        var engagementPosts = Posts(posts, 2);
        LabelBreakdowns.Compute(engagementPosts.Take(2000).ToList(), options); // warm-up
        clock.Restart();
        var breakdown = LabelBreakdowns.Compute(engagementPosts, options);
        var breakdownSeconds = clock.Elapsed.TotalSeconds;
        var groups = breakdown.Categories.Sum(c => c.Rows.Count);
        // The naive bootstrap (resample n values, take their median) of the same groups, measured on one category and scaled.
        var sample = breakdown["topic"];
        var target = EngagementTarget.Compute(engagementPosts, options).Values.Where(double.IsFinite).ToArray();
        var random = new Random(1);
        clock.Restart();
        var naiveRows = 0;
        foreach (var row in sample.Rows.Where(r => r.Group is null).Take(3))
        {
            var values = target.Take(row.N).ToArray();
            for (var r = 0; r < options.BootstrapResamples / 10; r++) Bootstrap.NaiveResampledMedian(values, random);
            naiveRows += row.N;
        }
        var naivePerValue = clock.Elapsed.TotalSeconds / (naiveRows * (options.BootstrapResamples / 10.0));
        var totalValues = breakdown.Categories.Sum(c => c.Rows.Sum(r => (double)r.N));
        var naiveSeconds = naivePerValue * totalValues * options.BootstrapResamples;
        Console.WriteLine($"   label breakdown, {breakdown.Categories.Count} categories, {groups} groups, {options.BootstrapResamples} resamples each: {breakdownSeconds:F2} s; " +
            $"naive bootstrap of the same groups (estimated from a sample): {naiveSeconds:F0} s (speed-up {naiveSeconds / breakdownSeconds:N0}x)");
        return 0;
    }

    /// <summary>40 numeric features: y = sum of a few smooth effects and an interaction, plus noise.</summary>
    internal static (float[][] X, float[] Y, FeatureLayout Layout) Matrix(int n, int d, int seed)
    {
        var random = new Random(seed);
        var x = new float[n][];
        var y = new float[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = new float[d];
            for (var j = 0; j < d; j++) x[i][j] = (float)random.NextDouble();
            y[i] = (float)(0.5 * x[i][0] + Math.Sin(6 * x[i][1]) * 0.3 + (x[i][2] > 0.5 ? 0.2 : 0) + 0.4 * x[i][3] * x[i][4] + 0.35 * (random.NextDouble() - 0.5));
        }
        var specs = Enumerable.Range(0, d).Select(j => new FeatureSpec($"f{j}", FeatureKind.Numeric, LabelSource.Automatic, [j], [])).ToList();
        return (x, y, new FeatureLayout(specs, d));
    }

    private static List<EngagementPost> Posts(int n, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] tones = ["informative", "humorous", "emotional", "promotional", "inspirational"];
        string[] people = ["no_person", "one_person", "two_persons", "three_or_more"];
        return Enumerable.Range(0, n).Select(i =>
        {
            var manual = new Dictionary<string, string>
            {
                ["topic"] = $"topic{(int)Math.Floor(Math.Pow(random.NextDouble(), 3) * 60)}",
                ["tone"] = tones[random.Next(tones.Length)],
                ["objective"] = random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var automatic = new AutomaticLabels(
                new Dictionary<string, string> { ["people"] = people[random.Next(4)], ["text_overlay"] = random.Next(4) == 0 ? "1" : "0" },
                new Dictionary<string, double> { ["brightness"] = random.NextDouble() });
            var type = (MediaType)random.Next(3);
            return new EngagementPost(i, start.AddMinutes(i * 20), type, type == MediaType.Video ? 5 + random.Next(55) : null,
                new CaptionFeatures(random.Next(300), random.Next(13), random.Next(4), random.Next(5)), manual, automatic,
                0.05 * Math.Exp(0.35 * (random.NextDouble() - 0.5)), null);
        }).ToList();
    }
}
