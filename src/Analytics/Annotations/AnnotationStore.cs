using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Annotations;

/// <summary>A media asset waiting for labels of the current version.</summary>
public sealed record PendingAsset(long AssetId, string StoragePath, string ContentType, string? Sha256 = null);

/// <summary>The newest successful labels of one media asset, the posts that show it, and which annotation row they are.</summary>
public sealed record StoredAssetLabels(long AssetId, string Sha256, string ContentType, LabelValues Labels, IReadOnlyList<(long PostId, int Position)> Posts,
    long AnnotationId = 0, DateTime CreatedUtc = default);

/// <summary>
/// What changed among a profile's labels after a known annotation id: the newest successful labels of every asset
/// that got a row since, the assets among them left without any successful labels, and the last row id seen.
/// </summary>
public sealed record AnnotationsSince(List<StoredAssetLabels> Labels, IReadOnlyList<long> Unlabelled, long LastId);

/// <summary>A successful annotation row still stored as one JSON document (before labels had columns).</summary>
public sealed record LegacyAnnotation(long Id, long AssetId, string LabelsJson);

/// <summary>How far the labels of one version have got.</summary>
public sealed record AnnotationProgress(int Assets, int Done, int Failed)
{
    public int Pending => Assets - Done - Failed;
}

/// <summary>
/// Stores and reads media annotations. Labels arrive as <see cref="LabelValues"/> (columns, an embedding blob and
/// detail JSON that Analytics never parses): Analytics never depends on the vision library.
/// </summary>
public sealed class AnnotationStore(IDbContextFactory<InsightsDbContext> contextFactory, DatabaseProvider database, TimeProvider clock)
{
    private readonly ProfileStampReader stamps = new(contextFactory, database);

    /// <summary>
    /// Assets without a row for this version, at most <paramref name="limit"/> when given: of one profile in its
    /// <see cref="LabellingOrder"/> (newest posts first, with a spread sample of the history), or of all profiles oldest first.
    /// </summary>
    public async Task<List<PendingAsset>> PendingAsync(string modelVersion, int? profileId = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (profileId is null)
        {
            var pending = Pending(context, modelVersion, null).OrderBy(a => a.Id);
            return await (limit is { } n ? pending.Take(n) : pending)
                .Select(a => new PendingAsset(a.Id, a.StoragePath, a.ContentType, a.Sha256)).ToListAsync(cancellationToken);
        }
        // The order is computed over every asset of the profile, labelled or not, so it is the same at every call.
        var published = await context.PostMedia.AsNoTracking().Where(pm => pm.Post!.ProfileId == profileId)
            .GroupBy(pm => pm.MediaAssetId).Select(g => new AssetPublished(g.Key, g.Max(pm => pm.Post!.PublishedUtc))).ToListAsync(cancellationToken);
        var waiting = (await Pending(context, modelVersion, profileId).Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet();
        var chosen = LabellingOrder.Arrange(published).Where(waiting.Contains).Take(limit ?? int.MaxValue).ToList();
        var rows = new Dictionary<long, PendingAsset>(chosen.Count);
        // Chunked so the IN list stays well inside SQLite's parameter limit.
        foreach (var chunk in chosen.Chunk(500))
            foreach (var asset in await context.MediaAssets.AsNoTracking().Where(a => chunk.Contains(a.Id))
                         .Select(a => new PendingAsset(a.Id, a.StoragePath, a.ContentType, a.Sha256)).ToListAsync(cancellationToken))
                rows[asset.AssetId] = asset;
        return chosen.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    /// <summary>
    /// How much of a profile a model trained now would see: its posts that show at least one media file with successful
    /// labels (of any version), all its posts, and whether none of its files waits for labels of <paramref name="modelVersion"/>.
    /// </summary>
    public async Task<TrainingCoverage> CoverageAsync(string modelVersion, int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var posts = context.Posts.AsNoTracking().Where(p => p.ProfileId == profileId);
        var labelled = await posts.CountAsync(p => context.PostMedia.Any(pm => pm.PostId == p.Id
            && context.Annotations.Any(a => a.MediaAssetId == pm.MediaAssetId && a.Succeeded && a.PeopleClass != null)), cancellationToken);
        var waiting = await Pending(context, modelVersion, profileId).AnyAsync(cancellationToken);
        return new TrainingCoverage(labelled, await posts.CountAsync(cancellationToken), !waiting);
    }

    /// <summary>When the profile's <paramref name="count"/> most recently labelled (or failed) files of this version were done, newest first.</summary>
    public async Task<List<DateTime>> RecentLabelTimesAsync(string modelVersion, int profileId, int count, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Annotations.AsNoTracking()
            .Where(a => a.ModelVersion == modelVersion && AssetIdsOf(context, profileId).Contains(a.MediaAssetId))
            .OrderByDescending(a => a.Id).Take(count).Select(a => a.CreatedUtc).ToListAsync(cancellationToken);
    }

    /// <summary>How many assets (of one profile, or all) lack a row for this version, without reading them.</summary>
    public async Task<int> PendingCountAsync(string modelVersion, int? profileId = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Pending(context, modelVersion, profileId).CountAsync(cancellationToken);
    }

    private static IQueryable<Domain.MediaAsset> Pending(InsightsDbContext context, string modelVersion, int? profileId)
    {
        var assets = context.MediaAssets.AsNoTracking()
            .Where(a => !context.Annotations.Any(n => n.MediaAssetId == a.Id && n.ModelVersion == modelVersion));
        if (profileId is { } id)
            assets = assets.Where(a => AssetIdsOf(context, id).Contains(a.Id));
        return assets;
    }

    /// <summary>
    /// The media files of a profile's posts, for <c>IN (subquery)</c>: the database then starts from the profile's posts
    /// and probes each file by its key. A correlated EXISTS instead is tested against every file of every profile
    /// (a scan of a million rows per question at scale).
    /// </summary>
    private static IQueryable<long> AssetIdsOf(InsightsDbContext context, int profileId) =>
        context.PostMedia.Where(pm => pm.Post!.ProfileId == profileId).Select(pm => pm.MediaAssetId);

    /// <summary>
    /// Records the labels (or the failure) of an asset for a version; a second save of the same pair replaces the first
    /// with a new row (so readers that hold labels up to a row id see it). In the same transaction every profile with a
    /// post showing the asset gets a new labels version.
    /// </summary>
    public async Task SaveAsync(long assetId, string modelVersion, LabelValues? labels, string? error, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.Annotations.Where(a => a.MediaAssetId == assetId && a.ModelVersion == modelVersion).ExecuteDeleteAsync(cancellationToken);
        var row = new MediaAnnotation { MediaAssetId = assetId, ModelVersion = modelVersion };
        row.SetValues(labels);
        row.Error = error is { Length: > 2000 } ? error[..2000] : error;
        row.CreatedUtc = clock.GetUtcNow().UtcDateTime;
        context.Add(row);
        await context.SaveChangesAsync(cancellationToken);
        await MarkLabelsChangedAsync(context, assetId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Bumps the labels version of every profile with a post that shows the asset.</summary>
    private static Task<int> MarkLabelsChangedAsync(InsightsDbContext context, long assetId, CancellationToken cancellationToken) =>
        context.Profiles.Where(p => context.PostMedia.Any(pm => pm.MediaAssetId == assetId && pm.Post!.ProfileId == p.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LabelsVersion, p => p.LabelsVersion + 1), cancellationToken);

    /// <summary>Up to <paramref name="limit"/> successful rows still stored as one JSON document, oldest first.</summary>
    public async Task<List<LegacyAnnotation>> LegacyAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Annotations.AsNoTracking().Where(a => a.Succeeded && a.LabelsJson != null && a.PeopleClass == null)
            .OrderBy(a => a.Id).Take(limit).Select(a => new LegacyAnnotation(a.Id, a.MediaAssetId, a.LabelsJson!)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Stores converted labels of rows read by <see cref="LegacyAsync"/> in columns and drops their JSON, in one
    /// transaction. A row whose JSON could not be read (null labels) is marked failed with the reason and keeps its JSON.
    /// The labels themselves are the same, so no labels version changes.
    /// </summary>
    public async Task ConvertLegacyAsync(IReadOnlyList<(long Id, LabelValues? Labels, string? Problem)> converted, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in converted.Chunk(500))
        {
            var ids = chunk.Select(c => c.Id).ToList();
            var rows = await context.Annotations.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
            foreach (var (id, labels, problem) in chunk)
            {
                if (!rows.TryGetValue(id, out var row))
                    continue;
                if (labels is null)
                {
                    row.Succeeded = false;
                    row.Error = problem is { Length: > 2000 } ? problem[..2000] : problem;
                }
                else
                    row.SetValues(labels);
            }
            await context.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AnnotationProgress> ProgressAsync(string modelVersion, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var assets = await context.MediaAssets.CountAsync(cancellationToken);
        var rows = context.Annotations.Where(a => a.ModelVersion == modelVersion);
        return new AnnotationProgress(assets, await rows.CountAsync(a => a.Succeeded, cancellationToken), await rows.CountAsync(a => !a.Succeeded, cancellationToken));
    }

    /// <summary>The newest successful labels of each of a post's media, in the post's order; older versions serve until a newer one exists.</summary>
    public async Task<List<(int Position, LabelValues Labels)>> LabelsOfPostAsync(long postId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var media = await context.PostMedia.AsNoTracking().Where(pm => pm.PostId == postId)
            .Select(pm => new { pm.MediaAssetId, pm.Position }).ToListAsync(cancellationToken);
        var assetIds = media.Select(m => m.MediaAssetId).ToList();
        var newest = (await context.Annotations.AsNoTracking().Where(a => assetIds.Contains(a.MediaAssetId) && a.Succeeded && a.PeopleClass != null)
                .ToListAsync(cancellationToken))
            .GroupBy(a => a.MediaAssetId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.CreatedUtc).ThenByDescending(a => a.Id).First().Values!);
        return media.Where(m => newest.ContainsKey(m.MediaAssetId)).OrderBy(m => m.Position).Select(m => (m.Position, newest[m.MediaAssetId])).ToList();
    }

    /// <summary>Why an asset's latest attempt failed, if it did.</summary>
    public async Task<string?> LatestErrorAsync(long assetId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Annotations.Where(a => a.MediaAssetId == assetId)
            .OrderByDescending(a => a.CreatedUtc).Select(a => a.Succeeded ? null : a.Error).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The newest successful labels of every media asset of a profile, whatever version made them, so old
    /// labels serve until a new version has labelled the asset. The label columns are read only for the chosen rows.
    /// </summary>
    public async Task<List<StoredAssetLabels>> LatestOfProfileAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await LatestOfProfileSinceAsync(profileId, 0, cancellationToken)).Labels;

    /// <summary>
    /// The newest successful labels of every asset of a profile that has an annotation row with an id above
    /// <paramref name="afterAnnotationId"/> (0: every asset), so a reader that holds the labels up to that id reads only
    /// what labelling changed since. A save replaces a row by a new one, so every change has a new id.
    /// </summary>
    public async Task<AnnotationsSince> LatestOfProfileSinceAsync(int profileId, long afterAnnotationId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var links = await context.PostMedia.AsNoTracking().Where(pm => pm.Post!.ProfileId == profileId)
            .Select(pm => new { pm.MediaAssetId, pm.PostId, pm.Position }).ToListAsync(cancellationToken);
        var postsOfAsset = links.GroupBy(l => l.MediaAssetId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(long, int)>)g.Select(l => (l.PostId, l.Position)).ToList());
        // Driven by the profile's own files (an index probe each), never by a scan of every profile's annotations: with
        // a million labelled files that scan made one profile's read take 36 s. After an id, only the files with a row
        // written since (a primary key range) are read again.
        IEnumerable<long> scope = postsOfAsset.Keys;
        if (afterAnnotationId > 0)
            scope = (await context.Annotations.AsNoTracking().Where(a => a.Id > afterAnnotationId).Select(a => a.MediaAssetId).Distinct()
                .ToListAsync(cancellationToken)).Where(postsOfAsset.ContainsKey);
        var candidates = new List<(long Id, long MediaAssetId, DateTime CreatedUtc, bool Labelled)>();
        // Chunked so the IN list stays well inside SQLite's parameter limit.
        foreach (var chunk in scope.Chunk(500))
            candidates.AddRange((await context.Annotations.AsNoTracking().Where(a => chunk.Contains(a.MediaAssetId))
                .Select(a => new { a.Id, a.MediaAssetId, a.CreatedUtc, Labelled = a.Succeeded && a.PeopleClass != null })
                .ToListAsync(cancellationToken)).Select(a => (a.Id, a.MediaAssetId, a.CreatedUtc, a.Labelled)));
        var newest = candidates.Where(a => a.Labelled).GroupBy(a => a.MediaAssetId)
            .Select(g => g.OrderByDescending(a => a.CreatedUtc).ThenByDescending(a => a.Id).First().Id).ToList();

        var result = new List<StoredAssetLabels>(newest.Count);
        foreach (var chunk in newest.Chunk(500))
        {
            var rows = await context.Annotations.AsNoTracking().Where(a => chunk.Contains(a.Id))
                .Join(context.MediaAssets, a => a.MediaAssetId, m => m.Id, (a, m) => new { Row = a, m.Sha256, m.ContentType })
                .ToListAsync(cancellationToken);
            result.AddRange(rows.Select(r => new StoredAssetLabels(r.Row.MediaAssetId, r.Sha256, r.ContentType, r.Row.Values!,
                postsOfAsset.GetValueOrDefault(r.Row.MediaAssetId, []), r.Row.Id, r.Row.CreatedUtc)));
        }
        var labelled = result.Select(r => r.AssetId).ToHashSet();
        var unlabelled = candidates.Select(c => c.MediaAssetId).Distinct().Where(a => !labelled.Contains(a)).ToList();
        return new AnnotationsSince(result, unlabelled, candidates.Count == 0 ? afterAnnotationId : Math.Max(afterAnnotationId, candidates.Max(a => a.Id)));
    }

    /// <summary>Whether any media file of the profile has labels, without reading them.</summary>
    public async Task<bool> AnyLabelledAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.PostMedia.AnyAsync(pm => pm.Post!.ProfileId == profileId
            && context.Annotations.Any(a => a.MediaAssetId == pm.MediaAssetId && a.Succeeded && a.PeopleClass != null), cancellationToken);
    }

    /// <summary>
    /// A short text that changes exactly when the profile's data, the labels of its media, its custom labels or its time zone change:
    /// callers key caches and trained models by it. One read of the profile's row.
    /// </summary>
    public async Task<string> StampAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await StampPartsAsync(profileId, cancellationToken)).ToString();

    /// <summary>The parts of <see cref="StampAsync"/>.</summary>
    public Task<LabelStamp> StampPartsAsync(int profileId, CancellationToken cancellationToken = default) =>
        stamps.ReadAsync(profileId, cancellationToken);

    /// <summary>
    /// The media assets of a profile that have no successful labels of any version and whose latest attempt
    /// failed, with the reason. An asset labelled once keeps serving its labels, so it is not listed.
    /// </summary>
    public async Task<Dictionary<long, string>> FailuresOfProfileAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await context.Annotations.AsNoTracking()
            .Where(a => !a.Succeeded
                && !context.Annotations.Any(s => s.MediaAssetId == a.MediaAssetId && s.Succeeded)
                && AssetIdsOf(context, profileId).Contains(a.MediaAssetId))
            .Select(a => new { a.Id, a.MediaAssetId, a.CreatedUtc, a.Error })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.MediaAssetId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id).First().Error ?? "failed without a reason");
    }
}
