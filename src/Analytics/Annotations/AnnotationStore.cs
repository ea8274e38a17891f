using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Annotations;

/// <summary>A media asset waiting for labels of the current version.</summary>
public sealed record PendingAsset(long AssetId, string StoragePath, string ContentType, string? Sha256 = null);

/// <summary>The newest successful labels of one media asset, the posts that show it, and which annotation row they are.</summary>
public sealed record StoredAssetLabels(long AssetId, string Sha256, string ContentType, string LabelsJson, IReadOnlyList<(long PostId, int Position)> Posts,
    long AnnotationId = 0, DateTime CreatedUtc = default);

/// <summary>
/// The parts of a profile's label stamp: its data version and the count, last id and last time of the annotation rows
/// (failed ones included) of its media. Its text form keys caches and trained models.
/// </summary>
public sealed record AnnotationStamp(long DataVersion, int Count, long LastId, DateTime LastChange)
{
    public override string ToString() => $"d{DataVersion}-a{Count}-{LastId}-{LastChange.Ticks}";
}

/// <summary>Labels added after a known annotation id: the newest per asset among them, and how many rows (failed ones included) there were, up to which id.</summary>
public sealed record AnnotationsSince(List<StoredAssetLabels> Labels, int Rows, long LastId);

/// <summary>How far the labels of one version have got.</summary>
public sealed record AnnotationProgress(int Assets, int Done, int Failed)
{
    public int Pending => Assets - Done - Failed;
}

/// <summary>Stores and reads media annotations. The labels are opaque JSON here: Analytics never depends on the vision library.</summary>
public sealed class AnnotationStore(IDbContextFactory<InsightsDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>Assets (of one profile, or all) without a row for this version, oldest first; at most <paramref name="limit"/> when given.</summary>
    public async Task<List<PendingAsset>> PendingAsync(string modelVersion, int? profileId = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pending = Pending(context, modelVersion, profileId).OrderBy(a => a.Id);
        return await (limit is { } n ? pending.Take(n) : pending)
            .Select(a => new PendingAsset(a.Id, a.StoragePath, a.ContentType, a.Sha256)).ToListAsync(cancellationToken);
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
        if (profileId is not null)
            assets = assets.Where(a => context.PostMedia.Any(pm => pm.MediaAssetId == a.Id && pm.Post!.ProfileId == profileId));
        return assets;
    }

    /// <summary>Records the labels (or the failure) of an asset for a version; a second save of the same pair replaces the first.</summary>
    public async Task SaveAsync(long assetId, string modelVersion, string? labelsJson, string? error, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await context.Annotations.FirstOrDefaultAsync(a => a.MediaAssetId == assetId && a.ModelVersion == modelVersion, cancellationToken);
        if (row is null)
        {
            row = new MediaAnnotation { MediaAssetId = assetId, ModelVersion = modelVersion };
            context.Add(row);
        }
        row.Succeeded = labelsJson is not null;
        row.LabelsJson = labelsJson;
        row.Error = error is { Length: > 2000 } ? error[..2000] : error;
        row.CreatedUtc = clock.GetUtcNow().UtcDateTime;
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<AnnotationProgress> ProgressAsync(string modelVersion, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var assets = await context.MediaAssets.CountAsync(cancellationToken);
        var rows = context.Annotations.Where(a => a.ModelVersion == modelVersion);
        return new AnnotationProgress(assets, await rows.CountAsync(a => a.Succeeded, cancellationToken), await rows.CountAsync(a => !a.Succeeded, cancellationToken));
    }

    /// <summary>The newest successful labels of each of a post's media, in the post's order; older versions serve until a newer one exists.</summary>
    public async Task<List<(int Position, string LabelsJson)>> LabelsOfPostAsync(long postId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await context.PostMedia.AsNoTracking().Where(pm => pm.PostId == postId)
            .Select(pm => new
            {
                pm.Position,
                Labels = context.Annotations.Where(a => a.MediaAssetId == pm.MediaAssetId && a.Succeeded)
                    .OrderByDescending(a => a.CreatedUtc).Select(a => a.LabelsJson).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Labels is not null).OrderBy(r => r.Position).Select(r => (r.Position, r.Labels!)).ToList();
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
    /// labels serve until a new version has labelled the asset. The JSON is read only for the chosen rows.
    /// </summary>
    public async Task<List<StoredAssetLabels>> LatestOfProfileAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await LatestOfProfileSinceAsync(profileId, 0, cancellationToken)).Labels;

    /// <summary>
    /// The newest successful labels per asset of a profile among the annotation rows with an id above
    /// <paramref name="afterAnnotationId"/> (0: all), so a reader that holds the labels up to that id reads only what
    /// labelling added since.
    /// </summary>
    public async Task<AnnotationsSince> LatestOfProfileSinceAsync(int profileId, long afterAnnotationId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var links = await context.PostMedia.AsNoTracking().Where(pm => pm.Post!.ProfileId == profileId)
            .Select(pm => new { pm.MediaAssetId, pm.PostId, pm.Position }).ToListAsync(cancellationToken);
        var postsOfAsset = links.GroupBy(l => l.MediaAssetId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(long, int)>)g.Select(l => (l.PostId, l.Position)).ToList());
        var candidates = await context.Annotations.AsNoTracking()
            .Where(a => a.Id > afterAnnotationId && context.PostMedia.Any(pm => pm.MediaAssetId == a.MediaAssetId && pm.Post!.ProfileId == profileId))
            .Select(a => new { a.Id, a.MediaAssetId, a.CreatedUtc, a.Succeeded }).ToListAsync(cancellationToken);
        var newest = candidates.Where(a => a.Succeeded).GroupBy(a => a.MediaAssetId)
            .Select(g => g.OrderByDescending(a => a.CreatedUtc).ThenByDescending(a => a.Id).First().Id).ToList();

        var result = new List<StoredAssetLabels>(newest.Count);
        // Chunked so the IN list stays well inside SQLite's parameter limit.
        foreach (var chunk in newest.Chunk(500))
        {
            var rows = await context.Annotations.AsNoTracking().Where(a => chunk.Contains(a.Id))
                .Join(context.MediaAssets, a => a.MediaAssetId, m => m.Id, (a, m) => new { a.Id, a.CreatedUtc, a.MediaAssetId, m.Sha256, m.ContentType, a.LabelsJson })
                .ToListAsync(cancellationToken);
            result.AddRange(rows.Select(r => new StoredAssetLabels(r.MediaAssetId, r.Sha256, r.ContentType, r.LabelsJson!,
                postsOfAsset.GetValueOrDefault(r.MediaAssetId, []), r.Id, r.CreatedUtc)));
        }
        return new AnnotationsSince(result, candidates.Count, candidates.Count == 0 ? afterAnnotationId : candidates.Max(a => a.Id));
    }

    /// <summary>
    /// A short text that changes whenever the profile's data or the labels of its media change: callers
    /// key caches and trained models by it.
    /// </summary>
    public async Task<string> StampAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await StampPartsAsync(profileId, cancellationToken)).ToString();

    /// <summary>The parts of <see cref="StampAsync"/>.</summary>
    public async Task<AnnotationStamp> StampPartsAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var dataVersion = await context.Profiles.Where(p => p.Id == profileId).Select(p => (long?)p.DataVersion).FirstOrDefaultAsync(cancellationToken) ?? -1;
        var rows = context.Annotations.Where(a => context.PostMedia.Any(pm => pm.MediaAssetId == a.MediaAssetId && pm.Post!.ProfileId == profileId));
        var count = await rows.CountAsync(cancellationToken);
        var lastId = await rows.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
        var lastChange = await rows.MaxAsync(a => (DateTime?)a.CreatedUtc, cancellationToken) ?? DateTime.MinValue;
        return new AnnotationStamp(dataVersion, count, lastId, lastChange);
    }

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
                && context.PostMedia.Any(pm => pm.MediaAssetId == a.MediaAssetId && pm.Post!.ProfileId == profileId))
            .Select(a => new { a.Id, a.MediaAssetId, a.CreatedUtc, a.Error })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.MediaAssetId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id).First().Error ?? "failed without a reason");
    }
}
