using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Insights.Inference.Conversion;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Insights.Inference.Vision;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Insights.Inference.Quantisation;

/// <summary>
/// The int8 form of a converted vision model, built once at first need: convert, plan, calibrate on the
/// demo's calibration images, quantise, then run the gate on the demo's validation images. Cached beside
/// the float model as model.int8.onnx + manifest.int8.json, the gate's verdict in the manifest, so every
/// process decides from the same files. Rebuilt when the float file or <see cref="QuantiserVersion"/> changes.
/// </summary>
internal sealed class Int8ModelStore(ModelStore store, InferenceOptions options, ILogger logger)
{
    // Bump when the quantisation pass or the gate changes: cached int8 files of an older pass are rebuilt.
    public const string QuantiserVersion = "3";

    private const string ManifestFile = "manifest.int8.json";
    private const string ModelFileName = "model.int8.onnx";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();
    private readonly ConcurrentDictionary<string, ModelFile> _verified = new();

    public async Task<ModelFile> EnsureAsync(string name, CancellationToken cancellationToken)
    {
        if (_verified.TryGetValue(name, out var known))
            return known;
        var definition = ModelCatalog.Get(name);
        if (definition.Conversion is null)
            throw new ModelUnavailableException($"Model '{name}' has no int8 form: it is shipped as ONNX and the quantisation pass works on the graphs our converter builds");
        var floatFile = await store.EnsureAsync(name, cancellationToken);
        var paths = ModelPaths.Resolve(options) ?? throw new ModelUnavailableException($"Model '{name}': the model pins are gone");
        var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var file = Check(floatFile);
            if (file is null)
            {
                using var modelLock = await FileLock.AcquireAsync(Path.Combine(paths.CacheDirectory, name + ".int8.lock"), options.FetchTimeout, cancellationToken);
                file = Check(floatFile) ?? await BuildAsync(definition, paths, floatFile, cancellationToken);
            }

            _verified[name] = file;
            return file;
        }
        finally
        {
            gate.Release();
        }
    }

    private static ModelFile? Check(ModelFile floatFile)
    {
        var directory = Path.GetDirectoryName(floatFile.Path)!;
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath))
            return null;
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(manifestPath), ModelManifest.JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }

        if (manifest?.Quantisation is not { } report || report.FloatSha256 != floatFile.Manifest.Sha256 || report.Version != QuantiserVersion)
            return null;
        var path = Path.Combine(directory, manifest.File);
        if (!File.Exists(path))
            return null;
        var actual = ModelStore.Sha256Of(path);
        if (!string.Equals(actual, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelRefusedException($"Model '{manifest.Name}' (int8) refused: {path} has sha256 {actual} but its manifest records {manifest.Sha256}. " +
                $"Delete {path} to have it quantised again.");
        }

        return new ModelFile(path, manifest);
    }

    private async Task<ModelFile> BuildAsync(ModelDefinition definition, ModelPaths paths, ModelFile floatFile, CancellationToken cancellationToken)
    {
        var demo = new DemoImages(paths.DemoDirectory);
        if (!demo.Exists)
            throw new ModelUnavailableException($"Model '{definition.Name}' has no int8 form here: calibrating it needs the demo images, and {demo.Directory}/media.csv is missing (Inference:DemoDirectory)");
        logger.LogInformation("Model {Model}: building its int8 form (calibration and gate on the demo images in {Directory})", definition.Name, demo.Directory);
        var started = Stopwatch.StartNew();
        try
        {
            // CPU-bound for tens of seconds: off the caller's thread
            var (onnx, report) = await Task.Run(() => Quantise(definition, paths, floatFile.Manifest, floatFile.Path, demo, started), cancellationToken);
            var manifest = floatFile.Manifest with
            {
                File = ModelFileName,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(onnx)),
                SizeBytes = onnx.Length,
                Precision = ModelPrecision.Int8,
                Quantisation = report,
                CreatedUtc = DateTime.UtcNow,
            };
            var directory = Path.GetDirectoryName(floatFile.Path)!;
            var modelPath = Path.Combine(directory, ModelFileName);
            await ModelStore.WriteAtomicallyAsync(modelPath, onnx, cancellationToken);
            await ModelStore.WriteAtomicallyAsync(Path.Combine(directory, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, ModelManifest.JsonOptions), cancellationToken);
            logger.LogInformation("Model {Model}: int8 form built in {Seconds:F1} s, {Quantised}/{Convs} Convs quantised; gate {Verdict}: {Reason}",
                definition.Name, report.Seconds, report.QuantisedConvs, report.Convs, report.Gate.Passed ? "passed" : "failed", report.Gate.Reason);
            return new ModelFile(modelPath, manifest);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or MediaRejectedException or OnnxRuntimeException)
        {
            throw new ModelUnavailableException($"Model '{definition.Name}': building its int8 form failed: {e.Message}", e);
        }
    }

    private (byte[] Onnx, QuantisationReport Report) Quantise(ModelDefinition definition, ModelPaths paths, ModelManifest manifest, string floatPath, DemoImages demo, Stopwatch started)
    {
        var (model, _, _) = HardActivationFusion.Apply(TfjsModelConverter.ConvertModel(definition, paths.PackageDirectory(definition)));
        SpatialMeanRewrite.Apply(model.Graph);
        var convs = model.Graph.Nodes.Count(n => n.OpType == "Conv");
        var settings = QuantisationSettings.For(definition.Name);
        var plan = QdqQuantiser.Plan(model.Graph, settings.FloatLeadingConvs);
        var decoder = new ImageDecoder(MsOptions.Create(new LabelOptions()));
        var calibration = demo.Calibration();
        var ranges = Calibrator.Measure(QdqQuantiser.Instrumented(model, plan), plan.Tensors,
            calibration.Select(file => ModelInputs.Stretched(Decode(decoder, file), manifest)), [.. manifest.Input.Shape], options.IntraOpThreads, settings.Percentile);
        QdqQuantiser.Apply(model, plan, ranges);
        var onnx = model.ToByteArray();

        var floatOptions = NewSessionOptions();
        using var floatModel = new ModelSession(manifest, new InferenceSession(floatPath, floatOptions), floatOptions);
        var int8Options = NewSessionOptions();
        using var int8Model = new ModelSession(manifest, new InferenceSession(onnx, int8Options), int8Options);
        var verdict = Int8Gate.Evaluate(floatModel, int8Model, demo.Validation().Select(file => Decode(decoder, file)));

        var report = new QuantisationReport(manifest.Sha256, QuantiserVersion, plan.Convs.Count, convs, calibration.Count,
            settings.Describe(), verdict, started.Elapsed.TotalSeconds);
        return (onnx, report);
    }

    private static RgbFrame Decode(ImageDecoder decoder, string file) => decoder.Decode(File.ReadAllBytes(file), Path.GetFileName(file));

    private SessionOptions NewSessionOptions() =>
        new() { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = options.IntraOpThreads };
}
