using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Insights.Analytics.Classification;
using Insights.Analytics.Storage;

namespace Insights.Dashboard.Classification;

/// <summary>
/// The trained popularity classifiers of every profile (one per K), kept as files under the data directory
/// (classifiers/{profile}/k{K}.model, k{K}.json, embeddings.bin) and loaded lazily. The newest saved model
/// keeps serving while a retrain runs; a save replaces it atomically for new readers.
/// </summary>
public sealed class ClassifierStore(IFileStore files, ILogger<ClassifierStore> logger)
{
    private const string Area = "classifiers";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly ConcurrentDictionary<(int Profile, int K), Lazy<Task<ClassifierSnapshot?>>> _cache = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Raised after a new classifier of a profile is saved.</summary>
    public event Action<int>? Changed;

    /// <summary>The newest trained classifier of a profile for K classes, or null when none has been trained.</summary>
    public async Task<ClassifierSnapshot?> GetAsync(int profileId, int k, CancellationToken cancellationToken = default)
    {
        var key = (profileId, k);
        var entry = _cache.GetOrAdd(key, key => new Lazy<Task<ClassifierSnapshot?>>(() => LoadAsync(key.Profile, key.K)));
        var snapshot = await entry.Value.WaitAsync(cancellationToken);
        // "No model yet" is not kept: the files may appear later (another process, a restored backup).
        if (snapshot is null)
            _cache.TryRemove(new KeyValuePair<(int, int), Lazy<Task<ClassifierSnapshot?>>>(key, entry));
        return snapshot;
    }

    /// <summary>The data stamp the newest saved classifier of a profile was trained on, or null.</summary>
    public async Task<string?> StampAsync(int profileId, int k, CancellationToken cancellationToken = default) =>
        (await GetAsync(profileId, k, cancellationToken))?.Stamp;

    /// <summary>Saves the classifiers of one training run (several K, one embeddings matrix) and serves them from now on.</summary>
    public async Task SaveAsync(int profileId, string stamp, DateTime trainedUtc, SimilarPosts embeddings,
        IReadOnlyList<ClassifierTrainingResult> results, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var directory = Directory(profileId);
            System.IO.Directory.CreateDirectory(directory);
            WriteAtomically(Path.Combine(directory, "embeddings.bin"), stream => WriteEmbeddings(stream, embeddings));
            foreach (var result in results)
            {
                var k = result.Classifier.ClassCount;
                WriteAtomically(Path.Combine(directory, $"k{k}.model"), result.Classifier.Save);
                var meta = new SavedMeta(profileId, k, stamp, trainedUtc, result.Validation);
                WriteAtomically(Path.Combine(directory, $"k{k}.json"), stream => JsonSerializer.Serialize(stream, meta, Json));
                var snapshot = new ClassifierSnapshot(profileId, k, result.Classifier, result.Validation, trainedUtc, stamp, embeddings);
                _cache[(profileId, k)] = new Lazy<Task<ClassifierSnapshot?>>(Task.FromResult<ClassifierSnapshot?>(snapshot));
            }
        }
        finally
        {
            _writeGate.Release();
        }
        Changed?.Invoke(profileId);
    }

    private string Directory(int profileId) => files.FullPath(Path.Combine(Area, profileId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private async Task<ClassifierSnapshot?> LoadAsync(int profileId, int k)
    {
        var directory = Directory(profileId);
        var metaPath = Path.Combine(directory, $"k{k}.json");
        var modelPath = Path.Combine(directory, $"k{k}.model");
        var embeddingsPath = Path.Combine(directory, "embeddings.bin");
        if (!File.Exists(metaPath) || !File.Exists(modelPath) || !File.Exists(embeddingsPath))
            return null;
        try
        {
            SavedMeta meta;
            await using (var stream = File.OpenRead(metaPath))
                meta = await JsonSerializer.DeserializeAsync<SavedMeta>(stream, Json) ?? throw new InvalidDataException("Empty classifier metadata.");
            PopularityClassifier classifier;
            await using (var stream = File.OpenRead(modelPath))
                classifier = PopularityClassifier.Load(stream);
            SimilarPosts embeddings;
            await using (var stream = File.OpenRead(embeddingsPath))
                embeddings = ReadEmbeddings(stream);
            return new ClassifierSnapshot(profileId, k, classifier, meta.Validation, meta.TrainedUtc, meta.Stamp, embeddings);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException or EndOfStreamException)
        {
            // A damaged file means no model until the next training run, which overwrites it.
            logger.LogWarning(ex, "Classifier files of profile {Profile} (K = {K}) could not be read", profileId, k);
            return null;
        }
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
            write(stream);
        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteEmbeddings(Stream stream, SimilarPosts embeddings)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(embeddings.Count);
        writer.Write(embeddings.Dimensions);
        for (var i = 0; i < embeddings.Count; i++)
            writer.Write(embeddings.PostIdAt(i));
        for (var i = 0; i < embeddings.Count; i++)
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(embeddings.Row(i)));
    }

    private static SimilarPosts ReadEmbeddings(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var n = reader.ReadInt32();
        var d = reader.ReadInt32();
        if (n < 0 || d < 1 || (long)n * d > 1L << 31) throw new InvalidDataException("Corrupt embeddings header.");
        var ids = new long[n];
        for (var i = 0; i < n; i++) ids[i] = reader.ReadInt64();
        var matrix = new float[n * d];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(matrix.AsSpan());
        if (reader.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
            throw new EndOfStreamException("Truncated embeddings file.");
        return new SimilarPosts(ids, matrix, d);
    }

    private sealed record SavedMeta(int ProfileId, int Classes, string Stamp, DateTime TrainedUtc, ClassifierValidation Validation);
}
