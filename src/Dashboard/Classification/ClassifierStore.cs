using Insights.Analytics.Annotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Insights.Analytics.Caching;
using Insights.Analytics.Classification;
using Insights.Analytics.Storage;

namespace Insights.Dashboard.Classification;

/// <summary>
/// The trained popularity classifiers of every profile (one per K), kept as files under the data directory
/// (classifiers/{profile}/k{K}.model, k{K}.json, embeddings.bin) and read on demand into the memory budget: each head
/// keyed by profile and K, the embeddings once per profile (shared by every K), each stamped with its file's time and
/// length, so a model saved by another process is read again. The newest saved model keeps serving while a retrain
/// runs; a save replaces it atomically for new readers.
/// </summary>
public sealed class ClassifierStore(IFileStore files, StampedCache cache, ILogger<ClassifierStore> logger)
{
    private const string Area = "classifiers";
    private const string HeadArea = "classifier-head";
    private const string EmbeddingsArea = "classifier-embeddings";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Raised after a new classifier of a profile is saved.</summary>
    public event Action<int>? Changed;

    /// <summary>The newest trained classifier of a profile for K classes, or null when none has been trained (or its files cannot be read).</summary>
    public async Task<ClassifierSnapshot?> GetAsync(int profileId, int k, CancellationToken cancellationToken = default)
    {
        var directory = Directory(profileId);
        if (FileStamp(Path.Combine(directory, $"k{k}.json")) is not { } headStamp || FileStamp(Path.Combine(directory, "embeddings.bin")) is not { } embeddingsStamp)
            return null;
        var head = await cache.GetAsync<Loaded<Head>>(new CacheKey(HeadArea, profileId, k), headStamp, _ => LoadHeadAsync(profileId, k), h => h.Bytes)
            .WaitAsync(cancellationToken);
        var embeddings = await cache.GetAsync<Loaded<SimilarPosts>>(new CacheKey(EmbeddingsArea, profileId), embeddingsStamp, _ => LoadEmbeddingsAsync(profileId), e => e.Bytes)
            .WaitAsync(cancellationToken);
        if (head.Value is not { } h || embeddings.Value is not { } e)
            return null;
        return new ClassifierSnapshot(profileId, k, h.Classifier, h.Meta.Validation, h.Meta.TrainedUtc, h.Meta.Stamp, e, h.Meta.Coverage);
    }

    /// <summary>The data stamp the newest saved classifier of a profile was trained on, or null. Reads only the small metadata file.</summary>
    public async Task<string?> StampAsync(int profileId, int k, CancellationToken cancellationToken = default) =>
        (await TrainedOnAsync(profileId, k, cancellationToken))?.Stamp;

    /// <summary>
    /// The data stamp and coverage the newest saved classifier of a profile was trained on, or null when there is none.
    /// Reads only the small metadata file.
    /// </summary>
    public async Task<(string Stamp, TrainingCoverage? Coverage)?> TrainedOnAsync(int profileId, int k, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Directory(profileId), $"k{k}.json");
        if (!File.Exists(path))
            return null;
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<SavedMeta>(stream, Json, cancellationToken) is { } meta ? (meta.Stamp, meta.Coverage) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            logger.LogWarning(ex, "Classifier metadata of profile {Profile} (K = {K}) could not be read", profileId, k);
            return null;
        }
    }

    /// <summary>Saves the classifiers of one training run (several K, one embeddings matrix) and serves them from now on.</summary>
    public async Task SaveAsync(int profileId, string stamp, DateTime trainedUtc, SimilarPosts embeddings,
        IReadOnlyList<ClassifierTrainingResult> results, TrainingCoverage? coverage = null, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var directory = Directory(profileId);
            System.IO.Directory.CreateDirectory(directory);
            var embeddingsPath = Path.Combine(directory, "embeddings.bin");
            WriteAtomically(embeddingsPath, stream => WriteEmbeddings(stream, embeddings));
            cache.Set(new CacheKey(EmbeddingsArea, profileId), FileStamp(embeddingsPath)!, new Loaded<SimilarPosts>(embeddings, EmbeddingsBytes(embeddings)), EmbeddingsBytes(embeddings));
            foreach (var result in results)
            {
                var k = result.Classifier.ClassCount;
                var modelPath = Path.Combine(directory, $"k{k}.model");
                WriteAtomically(modelPath, result.Classifier.Save);
                var meta = new SavedMeta(profileId, k, stamp, trainedUtc, result.Validation, coverage);
                var metaPath = Path.Combine(directory, $"k{k}.json");
                WriteAtomically(metaPath, stream => JsonSerializer.Serialize(stream, meta, Json));
                var head = new Loaded<Head>(new Head(result.Classifier, meta), HeadBytes(modelPath));
                cache.Set(new CacheKey(HeadArea, profileId, k), FileStamp(metaPath)!, head, head.Bytes);
            }
        }
        finally
        {
            _writeGate.Release();
        }
        Changed?.Invoke(profileId);
    }

    /// <summary>Removes a deleted profile's heads and embeddings (readers then find none: their cache stamps are the files').</summary>
    public void Delete(int profileId)
    {
        var directory = Directory(profileId);
        if (System.IO.Directory.Exists(directory))
            System.IO.Directory.Delete(directory, recursive: true);
    }

    private string Directory(int profileId) => files.FullPath(Path.Combine(Area, profileId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A file's last write time and length, or null when it is missing.</summary>
    private static string? FileStamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? $"{file.LastWriteTimeUtc.Ticks}-{file.Length}" : null;
    }

    /// <summary>A loaded head takes a few times its saved size (weights, schema, the ML.NET transformer).</summary>
    private static long HeadBytes(string modelPath) => 16 * 1024 + (File.Exists(modelPath) ? new FileInfo(modelPath).Length * 3 : 0);

    private static long EmbeddingsBytes(SimilarPosts embeddings) => 1024 + embeddings.Count * (sizeof(long) + (long)embeddings.Dimensions * sizeof(float));

    private async Task<Loaded<Head>> LoadHeadAsync(int profileId, int k)
    {
        var directory = Directory(profileId);
        var metaPath = Path.Combine(directory, $"k{k}.json");
        var modelPath = Path.Combine(directory, $"k{k}.model");
        try
        {
            SavedMeta meta;
            await using (var stream = File.OpenRead(metaPath))
                meta = await JsonSerializer.DeserializeAsync<SavedMeta>(stream, Json) ?? throw new InvalidDataException("Empty classifier metadata.");
            PopularityClassifier classifier;
            await using (var stream = File.OpenRead(modelPath))
                classifier = PopularityClassifier.Load(stream);
            return new Loaded<Head>(new Head(classifier, meta), HeadBytes(modelPath));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException or EndOfStreamException)
        {
            // A damaged file means no model until the next training run, which overwrites it (and so changes the stamp).
            logger.LogWarning(ex, "Classifier files of profile {Profile} (K = {K}) could not be read", profileId, k);
            return new Loaded<Head>(null, 256);
        }
    }

    private async Task<Loaded<SimilarPosts>> LoadEmbeddingsAsync(int profileId)
    {
        try
        {
            await using var stream = File.OpenRead(Path.Combine(Directory(profileId), "embeddings.bin"));
            var embeddings = ReadEmbeddings(stream);
            return new Loaded<SimilarPosts>(embeddings, EmbeddingsBytes(embeddings));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or EndOfStreamException)
        {
            logger.LogWarning(ex, "Classifier embeddings of profile {Profile} could not be read", profileId);
            return new Loaded<SimilarPosts>(null, 256);
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

    private sealed record Head(PopularityClassifier Classifier, SavedMeta Meta);

    /// <summary>A value read from files (null when they could not be read) with its estimated size in memory.</summary>
    private sealed record Loaded<T>(T? Value, long Bytes) where T : class;

    /// <param name="Coverage">The posts labelled when it was trained; null in files saved before early training existed (trained on every label).</param>
    private sealed record SavedMeta(int ProfileId, int Classes, string Stamp, DateTime TrainedUtc, ClassifierValidation Validation, TrainingCoverage? Coverage = null);
}
