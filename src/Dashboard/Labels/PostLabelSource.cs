using System.Collections.Concurrent;
using System.Text.Json;
using Insights.Analytics.Annotations;
using Insights.Analytics.CustomLabels;
using Insights.Analytics.Engagement;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Labels;

/// <summary>A post's unit-length 1280-d embedding (its first media asset; a video's is max-pooled over frames).</summary>
public sealed record PostEmbedding(long PostId, float[] Normalized);

/// <summary>The newest labels of one media asset and the posts that show it.</summary>
public sealed record AssetLabels(long AssetId, string Sha256, bool IsVideo, IReadOnlyList<long> PostIds, LabelSet Labels);

/// <summary>
/// Hands the vision library's stored labels to the rest of the product as plain data: automatic labels per
/// post for the engagement analytics, embeddings for similarity and the classifier, and labels per asset.
/// A post's labels are those of its first media asset with labels. Read once per profile and kept until
/// the profile's data or its annotations change (<see cref="StampAsync"/>).
/// </summary>
public sealed class PostLabelSource(AnnotationStore annotations, CustomLabelStore customLabels, ILogger<PostLabelSource> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<int, Lazy<Task<Snapshot>>> _cache = new();

    /// <summary>Changes whenever the profile's data or the labels of its media change.</summary>
    public Task<string> StampAsync(int profileId, CancellationToken cancellationToken = default) =>
        annotations.StampAsync(profileId, cancellationToken);

    public async Task<IReadOnlyDictionary<long, AutomaticLabels>> AutomaticLabelsAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await GetAsync(profileId, cancellationToken)).Automatic;

    public async Task<IReadOnlyList<PostEmbedding>> EmbeddingsAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await GetAsync(profileId, cancellationToken)).Embeddings;

    public async Task<IReadOnlyList<AssetLabels>> AssetsAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await GetAsync(profileId, cancellationToken)).Assets;

    /// <summary>The categories and numbers the engagement analytics see for one set of labels.</summary>
    public static AutomaticLabels ToAutomaticLabels(LabelSet labels)
    {
        var categories = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["people"] = PeopleLabel.Name(labels.People.Class),
            ["text_overlay"] = Flag(labels.Text.Present),
            ["illustration"] = Flag(labels.Style.IsDrawing),
            ["animals"] = Flag(labels.Objects.Any(o => o.IsAnimal)),
            ["nsfw"] = Flag(labels.Style.IsNsfw),
        };
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["faces"] = labels.Faces.Count,
            ["text_area"] = labels.Text.AreaRatio,
            ["brightness"] = labels.Stats.Brightness,
            ["contrast"] = labels.Stats.Contrast,
            ["colourfulness"] = labels.Stats.Colourfulness,
            ["sharpness"] = labels.Stats.Sharpness,
            ["aspect_ratio"] = labels.Stats.AspectRatio,
        };
        return new AutomaticLabels(categories, numbers);
    }

    private static string Flag(bool value) => value ? "1" : "0";

    /// <summary>How many times a profile's labels were read whole (rather than only what labelling added); for tests.</summary>
    internal int FullReads => _fullReads;

    private int _fullReads;

    private async Task<Snapshot> GetAsync(int profileId, CancellationToken cancellationToken)
    {
        var stamp = await annotations.StampPartsAsync(profileId, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var entry = _cache.GetOrAdd(profileId, _ => new Lazy<Task<Snapshot>>(() => ReadAsync(profileId, stamp, null)));
            Snapshot snapshot;
            try
            {
                snapshot = await entry.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed read must not stay cached; the next caller tries again.
                _cache.TryRemove(new KeyValuePair<int, Lazy<Task<Snapshot>>>(profileId, entry));
                throw;
            }
            // A snapshot newer than our stamp is as good; give up replacing after a few races.
            if (snapshot.Stamp == stamp.ToString() || attempt >= 2)
                return snapshot;
            _cache.TryUpdate(profileId, new Lazy<Task<Snapshot>>(() => ReadAsync(profileId, stamp, snapshot)), entry);
        }
    }

    /// <summary>
    /// Reads the profile's labels. While labelling runs the stamp changes with every new row, so when rows were only
    /// added since <paramref name="previous"/> (same data version, and the rows above its last id account for the whole
    /// growth of the count), only those are read and merged; anything else (an import) reads everything again.
    /// Annotation rows are only deleted with their media file, which an import changes. Labelling may add rows while
    /// this reads: the snapshot then holds more than <paramref name="stamp"/> and records what it read (count and last
    /// id), so the next refresh starts from there.
    /// </summary>
    private async Task<Snapshot> ReadAsync(int profileId, AnnotationStamp stamp, Snapshot? previous)
    {
        // Not cancelled by one caller: the snapshot is shared by every caller waiting on it.
        if (previous is { Read: var old } && old.DataVersion == stamp.DataVersion)
        {
            var since = await annotations.LatestOfProfileSinceAsync(profileId, old.LastId, CancellationToken.None);
            if (old.Count + since.Rows >= stamp.Count)
            {
                var entries = new Dictionary<long, StoredEntry>(previous.Entries);
                Merge(entries, since.Labels);
                return Build(stamp, stamp with { Count = old.Count + since.Rows, LastId = since.LastId }, entries, previous.Custom);
            }
        }
        Interlocked.Increment(ref _fullReads);
        var everything = await annotations.LatestOfProfileSinceAsync(profileId, 0, CancellationToken.None);
        var all = new Dictionary<long, StoredEntry>();
        Merge(all, everything.Labels);
        // Custom labels change only with the data version (adding or deleting one bumps it), so only a whole read reads them.
        var custom = (await customLabels.ListAsync(profileId, CancellationToken.None))
            .Select(l => new CustomRule("custom_" + l.Name, CustomLabelFitter.FromBytes(l.Prototype),
                l.CounterPrototype is null ? null : CustomLabelFitter.FromBytes(l.CounterPrototype), l.Threshold)).ToList();
        return Build(stamp, stamp with { Count = everything.Rows, LastId = everything.LastId }, all, custom);
    }

    /// <summary>Adds the readable label sets to <paramref name="entries"/>, each replacing an older one of its asset.</summary>
    private void Merge(Dictionary<long, StoredEntry> entries, IEnumerable<StoredAssetLabels> stored)
    {
        foreach (var row in stored)
        {
            if (entries.TryGetValue(row.AssetId, out var current) && (current.CreatedUtc, current.AnnotationId).CompareTo((row.CreatedUtc, row.AnnotationId)) > 0)
                continue;
            LabelSet? labels;
            try
            {
                labels = JsonSerializer.Deserialize<LabelSet>(row.LabelsJson, Json);
            }
            catch (JsonException ex)
            {
                logger.LogWarning(ex, "Stored labels of media asset {Asset} could not be read", row.AssetId);
                continue;
            }
            if (labels is null)
                continue;
            // The raw embedding is only needed at labelling time; the unit-length copy serves every reader.
            var asset = new AssetLabels(row.AssetId, row.Sha256, row.ContentType.StartsWith("video/", StringComparison.Ordinal),
                row.Posts.Select(p => p.PostId).ToList(), labels with { Embedding = [], FeatureMap = null });
            entries[row.AssetId] = new StoredEntry(row.AnnotationId, row.CreatedUtc, row.Posts, asset);
        }
    }

    private static Snapshot Build(AnnotationStamp stamp, AnnotationStamp read, Dictionary<long, StoredEntry> entries, IReadOnlyList<CustomRule> custom)
    {
        var firstOfPost = new Dictionary<long, (int Position, AssetLabels Asset)>();
        foreach (var entry in entries.Values.OrderBy(e => e.Asset.AssetId))
        {
            foreach (var (postId, position) in entry.Posts)
            {
                if (!firstOfPost.TryGetValue(postId, out var current) || position < current.Position)
                    firstOfPost[postId] = (position, entry.Asset);
            }
        }
        var automatic = firstOfPost.ToDictionary(p => p.Key, p => WithCustom(ToAutomaticLabels(p.Value.Asset.Labels), p.Value.Asset.Labels.EmbeddingNormalized, custom));
        var embeddings = firstOfPost.Where(p => p.Value.Asset.Labels.EmbeddingNormalized.Length > 0)
            .OrderBy(p => p.Key)
            .Select(p => new PostEmbedding(p.Key, p.Value.Asset.Labels.EmbeddingNormalized)).ToList();
        var assets = entries.Values.Select(e => e.Asset).OrderBy(a => a.AssetId).ToList();
        return new Snapshot(stamp.ToString(), read, entries, custom, automatic, embeddings, assets);
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

    private sealed record StoredEntry(long AnnotationId, DateTime CreatedUtc, IReadOnlyList<(long PostId, int Position)> Posts, AssetLabels Asset);

    /// <param name="Stamp">The stamp the read was asked for.</param>
    /// <param name="Read">The data version, row count and last row id actually read (labelling may have added rows since the stamp).</param>
    private sealed record Snapshot(string Stamp, AnnotationStamp Read, IReadOnlyDictionary<long, StoredEntry> Entries, IReadOnlyList<CustomRule> Custom,
        IReadOnlyDictionary<long, AutomaticLabels> Automatic, IReadOnlyList<PostEmbedding> Embeddings, IReadOnlyList<AssetLabels> Assets);
}
