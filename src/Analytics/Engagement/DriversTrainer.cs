using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Insights.Analytics.Engagement;

/// <summary>
/// Trains the drivers model of a profile: target = ln(rate) of <see cref="EngagementTarget"/> (one rate for
/// the whole model; posts without it are left out), features from <see cref="FeatureLayout"/>.
/// </summary>
public static class DriversTrainer
{
    private const int MinTimeSplitPosts = 30;

    public static DriversModel Train(IReadOnlyList<EngagementPost> posts, EngagementOptions options, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var target = EngagementTarget.Compute(posts, options);
        var kept = Enumerable.Range(0, posts.Count).Where(i => !double.IsNaN(target.Values[i])).ToArray();
        if (kept.Length < 2 * options.CrossValidationFolds)
            throw new InvalidOperationException($"The drivers model needs at least {2 * options.CrossValidationFolds} posts with a {target.Describe()}; this profile has {kept.Length}.");
        var keptPosts = kept.Select(i => posts[i]).ToList();
        var layout = FeatureLayout.Fit(keptPosts, options);
        var x = layout.Encode(keptPosts);
        var y = kept.Select(i => (float)Math.Log(target.Values[i])).ToArray();
        return Train(x, y, keptPosts.Select(p => p.PublishedUtc).ToArray(), layout, target.Describe(), target.Metric, target.Detrended, options, watch, cancellationToken);
    }

    /// <summary>Trains on an encoded matrix (benchmarks and tests use it directly).</summary>
    public static DriversModel Train(float[][] x, float[] y, DateTime[] published, FeatureLayout layout, string targetName, TargetMetric metric, bool detrended,
        EngagementOptions options, Stopwatch? watch = null, CancellationToken cancellationToken = default, bool validate = true)
    {
        watch ??= Stopwatch.StartNew();
        var ml = new MLContext(options.Seed);
        var schema = DriversModel.Schema(layout.ColumnCount);
        var n = x.Length;

        double cvR2 = double.NaN, cvSd = double.NaN, baseR2 = double.NaN;
        double? timeR2 = null, timeBase = null;
        DateTime? holdoutFrom = null;
        int trainPosts = n, testPosts = 0;
        var importances = new List<FeatureImportance>();
        if (validate)
        {
            // k-fold CV with out-of-fold predictions kept per fold for permutation importance.
            var order = Enumerable.Range(0, n).ToArray();
            new Random(options.Seed).Shuffle(order);
            var k = options.CrossValidationFolds;
            var folds = Enumerable.Range(0, k).Select(f => order.Where((_, i) => i % k == f).ToArray()).ToArray();
            var oof = new double[n];
            var baseline = new double[n];
            var foldR2 = new double[k];
            var models = new ITransformer[k];
            for (var f = 0; f < k; f++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var test = folds[f].ToHashSet();
                var train = Enumerable.Range(0, n).Where(i => !test.Contains(i)).ToArray();
                models[f] = Fit(ml, schema, train.Select(i => x[i]).ToArray(), train.Select(i => y[i]).ToArray(), options);
                var predictions = DriversModel.PredictBatch(ml, models[f], schema, folds[f].Select(i => x[i]).ToArray());
                var trainMean = train.Average(i => (double)y[i]);
                for (var t = 0; t < folds[f].Length; t++)
                {
                    oof[folds[f][t]] = predictions[t];
                    baseline[folds[f][t]] = trainMean;
                }
                foldR2[f] = R2(folds[f].Select(i => (double)y[i]).ToArray(), predictions.Select(p => (double)p).ToArray());
            }
            var yd = y.Select(v => (double)v).ToArray();
            cvR2 = R2(yd, oof);
            baseR2 = R2(yd, baseline);
            var mean = foldR2.Average();
            cvSd = Math.Sqrt(foldR2.Sum(r => (r - mean) * (r - mean)) / Math.Max(1, k - 1));

            var random = new Random(options.Seed + 1);
            foreach (var feature in layout.Features)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var drops = new double[options.ImportanceRepeats];
                for (var r = 0; r < drops.Length; r++)
                {
                    var permuted = new double[n];
                    for (var f = 0; f < k; f++)
                    {
                        var rows = folds[f].Select(i => (float[])x[i].Clone()).ToArray();
                        var shuffled = Enumerable.Range(0, rows.Length).ToArray();
                        random.Shuffle(shuffled);
                        for (var t = 0; t < rows.Length; t++)
                            foreach (var c in feature.Columns) rows[t][c] = x[folds[f][shuffled[t]]][c];
                        var predictions = DriversModel.PredictBatch(ml, models[f], schema, rows);
                        for (var t = 0; t < rows.Length; t++) permuted[folds[f][t]] = predictions[t];
                    }
                    drops[r] = cvR2 - R2(yd, permuted);
                }
                var m = drops.Average();
                importances.Add(new FeatureImportance(feature.Name, feature.Source, m,
                    Math.Sqrt(drops.Sum(d => (d - m) * (d - m)) / Math.Max(1, drops.Length - 1)), drops));
            }
            importances.Sort((a, b) => b.MeanDrop.CompareTo(a.MeanDrop));

            // Time-ordered: the past predicts the last months.
            var last = published.Max();
            var cutoff = last.AddMonths(-options.HoldoutMonths);
            var past = Enumerable.Range(0, n).Where(i => published[i] < cutoff).ToArray();
            var recent = Enumerable.Range(0, n).Where(i => published[i] >= cutoff).ToArray();
            holdoutFrom = cutoff;
            (trainPosts, testPosts) = (past.Length, recent.Length);
            if (past.Length >= MinTimeSplitPosts && recent.Length >= MinTimeSplitPosts)
            {
                var model = Fit(ml, schema, past.Select(i => x[i]).ToArray(), past.Select(i => y[i]).ToArray(), options);
                var predictions = DriversModel.PredictBatch(ml, model, schema, recent.Select(i => x[i]).ToArray());
                var actual = recent.Select(i => (double)y[i]).ToArray();
                timeR2 = R2(actual, predictions.Select(p => (double)p).ToArray());
                var pastMean = past.Average(i => (double)y[i]);
                timeBase = R2(actual, actual.Select(_ => pastMean).ToArray());
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var final = Fit(ml, schema, x, y, options, out var inputSchema);
        var metrics = new DriversMetrics(targetName, metric, detrended, n, layout.Features.Count, layout.ColumnCount,
            options.CrossValidationFolds, cvR2, cvSd, baseR2, holdoutFrom, trainPosts, testPosts, timeR2, timeBase, importances, watch.Elapsed.TotalSeconds);
        return new DriversModel(ml, final, inputSchema, layout, metrics, x, y, DriversSettings.From(options));
    }

    /// <summary>1 - SSE / SST, SST around the mean of <paramref name="actual"/>.</summary>
    public static double R2(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        var mean = actual.Average();
        double sse = 0, sst = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            sse += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        return sst > 0 ? 1 - sse / sst : double.NaN;
    }

    private static ITransformer Fit(MLContext ml, SchemaDefinition schema, float[][] x, float[] y, EngagementOptions options) =>
        Fit(ml, schema, x, y, options, out _);

    private static ITransformer Fit(MLContext ml, SchemaDefinition schema, float[][] x, float[] y, EngagementOptions options, out DataViewSchema inputSchema)
    {
        var data = ml.Data.LoadFromEnumerable(x.Select((r, i) => new PostFeatures { Features = r, Label = y[i] }), schema);
        inputSchema = data.Schema;
        var trainer = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinPostsPerLeaf,
            LearningRate = options.LearningRate,
            NumberOfIterations = options.Iterations,
            Seed = options.Seed,
            Silent = true,
            Verbose = false,
        });
        return trainer.Fit(data);
    }
}
