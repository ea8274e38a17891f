using Insights.Analytics.Annotations;
using Insights.Analytics.Caching;
using Insights.Analytics.CustomLabels;
using Insights.Analytics.Engagement;
using System.Text.Json;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Labels;

/// <summary>A post's unit-length 1280-d embedding (its first media asset; a video's is max-pooled over frames).</summary>
public sealed record PostEmbedding(long PostId, float[] Normalized);

/// <summary>The newest labels of one media asset and the posts that show it.</summary>
public sealed record AssetLabels(long AssetId, string Sha256, bool IsVideo, IReadOnlyList<long> PostIds, LabelSet Labels);

/// <summary>
/// Hands the stored labels to the rest of the product as plain data: automatic labels per post for the engagement
/// analytics, embeddings for similarity and the classifier, and labels per asset. A post's labels are those of its
/// first media asset with labels. Read from the label columns on demand and cached within the memory budget, stamped
/// with the profile's (data, labels, custom labels) versions (<see cref="StampAsync"/>).
/// </summary>
public sealed class PostLabelSource(AnnotationStore annotations, CustomLabelStore customLabels, StampedCache cache, ILogger<PostLabelSource> logger)
{
    private const string Area = "labels";

    /// <summary>Changes exactly when the profile's data, the labels of its media or its custom labels change; one row read.</summary>
    public Task<string> StampAsync(int profileId, CancellationToken cancellationToken = default) =>
        annotations.StampAsync(profileId, cancellationToken);

    public async Task<IReadOnlyDictionary<long, AutomaticLabels>> AutomaticLabelsAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await GetAsync(profileId, cancellationToken)).Automatic;

    public async Task<IReadOnlyList<PostEmbedding>> EmbeddingsAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await GetAsync(profileId, cancellationToken)).Embeddings;

    /// <summary>Every labelled asset with its whole label set (boxes included), read from the detail only when first asked for.</summary>
    public async Task<IReadOnlyList<AssetLabels>> AssetsAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await GetAsync(profileId, cancellationToken)).Assets.Value;

    /// <summary>The categories and numbers the engagement analytics see for one set of labels (a draft's).</summary>
    public static AutomaticLabels ToAutomaticLabels(LabelSet labels) => StoredLabels.ToAutomaticLabels(StoredLabels.ToValues(labels));

    /// <summary>How many times a profile's labels were read whole (rather than only what labelling changed); for tests.</summary>
    internal int FullReads => _fullReads;

    private int _fullReads;

    private async Task<Snapshot> GetAsync(int profileId, CancellationToken cancellationToken)
    {
        var stamp = await annotations.StampPartsAsync(profileId, cancellationToken);
        // Not cancelled by one caller: the snapshot is shared by every caller waiting on it.
        return await cache.GetAsync<Snapshot>(new CacheKey(Area, profileId), stamp.ToString(), previous => ReadAsync(profileId, stamp, previous), s => s.Bytes)
            .WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the profile's labels. While labelling runs the labels version changes with every saved file, so when only
    /// labels changed since <paramref name="previous"/> (same data version), only the assets with rows above its last
    /// row id are read again; an import (a new data version) reads everything. Labelling may save while this reads: the
    /// snapshot then holds more than <paramref name="stamp"/> says, and the next refresh reads those rows again.
    /// </summary>
    private async Task<Snapshot> ReadAsync(int profileId, LabelStamp stamp, Snapshot? previous)
    {
        Dictionary<long, StoredEntry> entries;
        long lastId;
        if (previous is not null && previous.Stamp.DataVersion == stamp.DataVersion)
        {
            var since = await annotations.LatestOfProfileSinceAsync(profileId, previous.LastId, CancellationToken.None);
            entries = new Dictionary<long, StoredEntry>(previous.Entries);
            foreach (var asset in since.Unlabelled)
                entries.Remove(asset);
            Merge(entries, since.Labels);
            lastId = since.LastId;
        }
        else
        {
            Interlocked.Increment(ref _fullReads);
            var everything = await annotations.LatestOfProfileSinceAsync(profileId, 0, CancellationToken.None);
            entries = [];
            Merge(entries, everything.Labels);
            lastId = everything.LastId;
        }
        var custom = previous is not null && previous.Stamp.CustomLabelsVersion == stamp.CustomLabelsVersion
            ? previous.Custom
            : (await customLabels.ListAsync(profileId, CancellationToken.None))
                .Select(l => new CustomRule("custom_" + l.Name, CustomLabelFitter.FromBytes(l.Prototype),
                    l.CounterPrototype is null ? null : CustomLabelFitter.FromBytes(l.CounterPrototype), l.Threshold)).ToList();
        return Build(stamp, lastId, entries, custom);
    }

    /// <summary>Adds the stored label sets to <paramref name="entries"/>, each replacing an older one of its asset.</summary>
    private static void Merge(Dictionary<long, StoredEntry> entries, IEnumerable<StoredAssetLabels> stored)
    {
        foreach (var row in stored)
        {
            if (entries.TryGetValue(row.AssetId, out var current) && (current.CreatedUtc, current.AnnotationId).CompareTo((row.CreatedUtc, row.AnnotationId)) > 0)
                continue;
            entries[row.AssetId] = new StoredEntry(row.AnnotationId, row.CreatedUtc, row.AssetId, row.Sha256,
                row.ContentType.StartsWith("video/", StringComparison.Ordinal), row.Posts, row.Labels);
        }
    }

    private Snapshot Build(LabelStamp stamp, long lastId, Dictionary<long, StoredEntry> entries, IReadOnlyList<CustomRule> custom)
    {
        var firstOfPost = new Dictionary<long, (int Position, StoredEntry Entry)>();
        foreach (var entry in entries.Values.OrderBy(e => e.AssetId))
        {
            foreach (var (postId, position) in entry.Posts)
            {
                if (!firstOfPost.TryGetValue(postId, out var current) || position < current.Position)
                    firstOfPost[postId] = (position, entry);
            }
        }
        var automatic = firstOfPost.ToDictionary(p => p.Key, p => WithCustom(StoredLabels.ToAutomaticLabels(p.Value.Entry.Labels), p.Value.Entry.Labels.Embedding, custom));
        var embeddings = firstOfPost.Where(p => p.Value.Entry.Labels.Embedding.Length > 0)
            .OrderBy(p => p.Key)
            .Select(p => new PostEmbedding(p.Key, p.Value.Entry.Labels.Embedding)).ToList();
        var ordered = entries.Values.OrderBy(e => e.AssetId).ToList();
        var assets = new Lazy<IReadOnlyList<AssetLabels>>(() => ordered.Select(AssetOf).OfType<AssetLabels>().ToList());
        return new Snapshot(stamp, lastId, entries, custom, automatic, embeddings, assets, EstimatedBytes(entries.Values, automatic.Count));
    }

    private AssetLabels? AssetOf(StoredEntry entry)
    {
        try
        {
            return new AssetLabels(entry.AssetId, entry.Sha256, entry.IsVideo, entry.Posts.Select(p => p.PostId).ToList(), StoredLabels.ToLabelSet(entry.Labels));
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Stored label detail of media asset {Asset} could not be read", entry.AssetId);
            return null;
        }
    }

    /// <summary>
    /// What a snapshot holds in memory: per asset its embedding (shared by every view), its detail text and, once the
    /// Library asked, the parsed label set (about as large again), and per post its two small dictionaries.
    /// </summary>
    private static long EstimatedBytes(IEnumerable<StoredEntry> entries, int posts)
    {
        long bytes = 4096;
        foreach (var entry in entries)
            bytes += 512 + entry.Labels.Embedding.Length * sizeof(float) + entry.Labels.DetailJson.Length * 2L * 2 + entry.Posts.Count * 32L;
        return bytes + posts * 1200L;
    }

    /// <summary>Adds each custom label as a category ("1" when the embedding is close enough to its prototype, else "0").</summary>
    private static AutomaticLabels WithCustom(AutomaticLabels labels, float[] embedding, IReadOnlyList<CustomRule> custom)
    {
        if (custom.Count == 0 || embedding.Length == 0)
            return labels;
        var categories = new Dictionary<string, string>(labels.Categories, StringComparer.Ordinal);
        foreach (var rule in custom.Where(r => r.Prototype.Length == embedding.Length))
            categories[rule.Category] = CustomLabelFitter.Score(rule.Prototype, rule.CounterPrototype, embedding) >= rule.Threshold ? "1" : "0";
        return labels with { Categories = categories };
    }

    /// <summary>The profile's custom labels applied to a draft's unit embedding: category to "1" or "0".</summary>
    public async Task<IReadOnlyDictionary<string, string>> CustomLabelsOfAsync(int profileId, float[] embedding, CancellationToken cancellationToken = default)
    {
        var custom = (await GetAsync(profileId, cancellationToken)).Custom;
        return WithCustom(new AutomaticLabels(new Dictionary<string, string>(), new Dictionary<string, double>()), embedding, custom).Categories;
    }

    private sealed record CustomRule(string Category, float[] Prototype, float[]? CounterPrototype, double Threshold);

    private sealed record StoredEntry(long AnnotationId, DateTime CreatedUtc, long AssetId, string Sha256, bool IsVideo,
        IReadOnlyList<(long PostId, int Position)> Posts, LabelValues Labels);

    /// <param name="Stamp">The stamp the read was asked for.</param>
    /// <param name="LastId">The last annotation row id read (labelling may have added rows since the stamp).</param>
    private sealed record Snapshot(LabelStamp Stamp, long LastId, IReadOnlyDictionary<long, StoredEntry> Entries, IReadOnlyList<CustomRule> Custom,
        IReadOnlyDictionary<long, AutomaticLabels> Automatic, IReadOnlyList<PostEmbedding> Embeddings, Lazy<IReadOnlyList<AssetLabels>> Assets, long Bytes);
}
