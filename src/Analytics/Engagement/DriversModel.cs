using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Insights.Analytics.Engagement;

/// <summary>Input schema of the drivers model: the encoded feature vector (size set at run time) and the label (log of the target).</summary>
public sealed class PostFeatures
{
    public float Label { get; set; }

    [VectorType]
    public float[] Features { get; set; } = [];
}

/// <summary>Output schema: the predicted log of the target rate.</summary>
public sealed class EngagementPrediction
{
    public float Score { get; set; }
}

/// <summary>Permutation importance of one feature: the drop in out-of-fold R^2 when its values are shuffled, per repeat.</summary>
public sealed record FeatureImportance(string Feature, LabelSource Source, double MeanDrop, double SdDrop, double[] Drops);

/// <summary>
/// How well the drivers model predicts, next to a mean-only baseline. R^2 is of the log target.
/// CV: k seeded folds, R^2 pooled over the out-of-fold predictions (and its spread across folds).
/// Time-ordered: trained on posts before <see cref="HoldoutFromUtc"/>, tested on the rest; null when either side has fewer than 30 posts.
/// </summary>
public sealed record DriversMetrics(
    string Target, TargetMetric Metric, bool Detrended, int Posts, int Features, int Columns,
    int Folds, double CrossValidatedR2, double CrossValidatedR2FoldSd, double BaselineR2,
    DateTime? HoldoutFromUtc, int TrainPosts, int TestPosts, double? TimeOrderedR2, double? TimeOrderedBaselineR2,
    IReadOnlyList<FeatureImportance> Importances, double TrainSeconds);

/// <summary>
/// A trained drivers model (LightGBM gradient boosting on <see cref="FeatureLayout"/>), with its metrics and the
/// training rows partial dependence averages over. Prediction is thread-safe (batch predictions transform a new
/// data view per call; single predictions take an engine from a pool).
/// </summary>
public sealed class DriversModel
{
    private const string ModelEntry = "model.zip";
    private const string MetaEntry = "drivers.json";
    private const string RowsEntry = "rows.bin";
    private const string TargetsEntry = "targets.bin";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly SchemaDefinition _schemaDefinition;
    private readonly ConcurrentBag<PredictionEngine<PostFeatures, EngagementPrediction>> _engines = [];

    internal DriversModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, FeatureLayout layout, DriversMetrics metrics, float[][] rows, float[] targets, DriversSettings settings)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        Layout = layout;
        Metrics = metrics;
        Rows = rows;
        Targets = targets;
        Settings = settings;
        _schemaDefinition = Schema(layout.ColumnCount);
    }

    public FeatureLayout Layout { get; }

    public DriversMetrics Metrics { get; }

    /// <summary>The encoded training rows: the background partial dependence averages over.</summary>
    public float[][] Rows { get; }

    /// <summary>The log target of each training row (same order as <see cref="Rows"/>); empty for a model saved before targets were kept.</summary>
    public float[] Targets { get; }

    public DriversSettings Settings { get; }

    /// <summary>Predicted log target of one post (a draft too). Multiply exp(score) by the rolling median to get a rate when the target is detrended.</summary>
    public EngagementPrediction Predict(EngagementPost post) => Predict(Layout.Encode(post));

    public EngagementPrediction Predict(float[] row)
    {
        if (!_engines.TryTake(out var engine))
            engine = _ml.Model.CreatePredictionEngine<PostFeatures, EngagementPrediction>(_model, inputSchemaDefinition: _schemaDefinition);
        try
        {
            return engine.Predict(new PostFeatures { Features = row });
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    public float[] PredictBatch(float[][] rows) => PredictBatch(_ml, _model, _schemaDefinition, rows);

    /// <summary>PDP with ICE curves of one feature over the training rows.</summary>
    public PartialDependenceResult PartialDependence(string feature, int? gridPoints = null, int? iceCurves = null) =>
        Engagement.PartialDependence.OneWay(PredictBatch, Rows, Layout[feature], gridPoints ?? Settings.PdpGridPoints, iceCurves ?? Settings.IceCurves, Settings.Seed);

    /// <summary>Two-feature PDP grid over the training rows.</summary>
    public PartialDependence2D PartialDependence(string featureA, string featureB, int? gridPoints = null) =>
        Engagement.PartialDependence.TwoWay(PredictBatch, Rows, Layout[featureA], Layout[featureB], gridPoints ?? Math.Min(10, Settings.PdpGridPoints));

    /// <summary>Writes the model, its layout, metrics and training rows as one zip.</summary>
    public void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var entry = zip.CreateEntry(ModelEntry).Open())
            _ml.Model.Save(_model, _inputSchema, entry);
        using (var entry = zip.CreateEntry(MetaEntry).Open())
            JsonSerializer.Serialize(entry, new SavedMeta(Layout, Metrics, Settings), Json);
        using (var entry = zip.CreateEntry(RowsEntry).Open())
        using (var writer = new BinaryWriter(entry))
        {
            writer.Write(Rows.Length);
            writer.Write(Layout.ColumnCount);
            foreach (var row in Rows)
                foreach (var v in row) writer.Write(v);
        }
        using (var entry = zip.CreateEntry(TargetsEntry).Open())
        using (var writer = new BinaryWriter(entry))
        {
            writer.Write(Targets.Length);
            foreach (var v in Targets) writer.Write(v);
        }
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        Save(stream);
        return stream.ToArray();
    }

    public static DriversModel Load(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        SavedMeta meta;
        using (var entry = zip.GetEntry(MetaEntry)!.Open())
            meta = JsonSerializer.Deserialize<SavedMeta>(entry, Json) ?? throw new InvalidDataException("Empty drivers metadata.");
        var ml = new MLContext(meta.Settings.Seed);
        ITransformer model;
        DataViewSchema schema;
        using (var entry = new MemoryStream())
        {
            // ML.NET needs a seekable stream.
            using (var source = zip.GetEntry(ModelEntry)!.Open()) source.CopyTo(entry);
            entry.Position = 0;
            model = ml.Model.Load(entry, out schema);
        }
        float[][] rows;
        using (var entry = zip.GetEntry(RowsEntry)!.Open())
        using (var reader = new BinaryReader(entry))
        {
            var n = reader.ReadInt32();
            var d = reader.ReadInt32();
            rows = new float[n][];
            for (var i = 0; i < n; i++)
            {
                rows[i] = new float[d];
                for (var j = 0; j < d; j++) rows[i][j] = reader.ReadSingle();
            }
        }
        var targets = Array.Empty<float>();
        if (zip.GetEntry(TargetsEntry) is { } saved)
        {
            using var entry = saved.Open();
            using var reader = new BinaryReader(entry);
            targets = new float[reader.ReadInt32()];
            for (var i = 0; i < targets.Length; i++) targets[i] = reader.ReadSingle();
        }
        return new DriversModel(ml, model, schema, meta.Layout, meta.Metrics, rows, targets, meta.Settings);
    }

    public static DriversModel Load(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return Load(stream);
    }

    internal static SchemaDefinition Schema(int columns)
    {
        var schema = SchemaDefinition.Create(typeof(PostFeatures));
        schema[nameof(PostFeatures.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, columns);
        return schema;
    }

    internal static float[] PredictBatch(MLContext ml, ITransformer model, SchemaDefinition schema, float[][] rows)
    {
        var view = ml.Data.LoadFromEnumerable(rows.Select(r => new PostFeatures { Features = r }), schema);
        return model.Transform(view).GetColumn<float>(nameof(EngagementPrediction.Score)).ToArray();
    }

    private sealed record SavedMeta(FeatureLayout Layout, DriversMetrics Metrics, DriversSettings Settings);
}

/// <summary>The settings a model was trained with that its later use needs.</summary>
public sealed record DriversSettings(int Seed, int PdpGridPoints, int IceCurves)
{
    public static DriversSettings From(EngagementOptions options) => new(options.Seed, options.PdpGridPoints, options.IceCurves);
}

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
