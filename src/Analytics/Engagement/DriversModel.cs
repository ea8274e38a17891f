using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Insights.Analytics.Engagement;

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
