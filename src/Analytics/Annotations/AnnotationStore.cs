using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Annotations;

/// <summary>A media asset waiting for labels of the current version.</summary>
public sealed record PendingAsset(long AssetId, string StoragePath, string ContentType);

/// <summary>The newest successful labels of one media asset and the posts that show it.</summary>
public sealed record StoredAssetLabels(long AssetId, string Sha256, string ContentType, string LabelsJson, IReadOnlyList<(long PostId, int Position)> Posts);

/// <summary>How far the labels of one version have got.</summary>
public sealed record AnnotationProgress(int Assets, int Done, int Failed)
{
    public int Pending => Assets - Done - Failed;
}

/// <summary>Stores and reads media annotations. The labels are opaque JSON here: Analytics never depends on the vision library.</summary>
public sealed class AnnotationStore(IDbContextFactory<InsightsDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>Assets (of one profile, or all) without a row for this version, oldest first.</summary>
    public async Task<List<PendingAsset>> PendingAsync(string modelVersion, int? profileId = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Pending(context, modelVersion, profileId).OrderBy(a => a.Id)
            .Select(a => new PendingAsset(a.Id, a.StoragePath, a.ContentType)).ToListAsync(cancellationToken);
    }

    /// <summary>How many assets lack a row for this version, without reading them.</summary>
    public async Task<int> PendingCountAsync(string modelVersion, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Pending(context, modelVersion, null).CountAsync(cancellationToken);
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
    public async Task<List<StoredAssetLabels>> LatestOfProfileAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var links = await context.PostMedia.AsNoTracking().Where(pm => pm.Post!.ProfileId == profileId)
            .Select(pm => new { pm.MediaAssetId, pm.PostId, pm.Position }).ToListAsync(cancellationToken);
        var postsOfAsset = links.GroupBy(l => l.MediaAssetId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(long, int)>)g.Select(l => (l.PostId, l.Position)).ToList());
        var candidates = await context.Annotations.AsNoTracking()
            .Where(a => a.Succeeded && context.PostMedia.Any(pm => pm.MediaAssetId == a.MediaAssetId && pm.Post!.ProfileId == profileId))
            .Select(a => new { a.Id, a.MediaAssetId, a.CreatedUtc }).ToListAsync(cancellationToken);
        var newest = candidates.GroupBy(a => a.MediaAssetId)
            .Select(g => g.OrderByDescending(a => a.CreatedUtc).ThenByDescending(a => a.Id).First().Id).ToList();

        var result = new List<StoredAssetLabels>(newest.Count);
        // Chunked so the IN list stays well inside SQLite's parameter limit.
        foreach (var chunk in newest.Chunk(500))
        {
            var rows = await context.Annotations.AsNoTracking().Where(a => chunk.Contains(a.Id))
                .Join(context.MediaAssets, a => a.MediaAssetId, m => m.Id, (a, m) => new { a.MediaAssetId, m.Sha256, m.ContentType, a.LabelsJson })
                .ToListAsync(cancellationToken);
            result.AddRange(rows.Select(r => new StoredAssetLabels(r.MediaAssetId, r.Sha256, r.ContentType, r.LabelsJson!, postsOfAsset.GetValueOrDefault(r.MediaAssetId, []))));
        }
        return result;
    }

    /// <summary>
    /// A short text that changes whenever the profile's data or the labels of its media change: callers
    /// key caches and trained models by it.
    /// </summary>
    public async Task<string> StampAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var dataVersion = await context.Profiles.Where(p => p.Id == profileId).Select(p => (long?)p.DataVersion).FirstOrDefaultAsync(cancellationToken) ?? -1;
        var rows = context.Annotations.Where(a => context.PostMedia.Any(pm => pm.MediaAssetId == a.MediaAssetId && pm.Post!.ProfileId == profileId));
        var count = await rows.CountAsync(cancellationToken);
        var lastId = await rows.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
        var lastChange = await rows.MaxAsync(a => (DateTime?)a.CreatedUtc, cancellationToken) ?? DateTime.MinValue;
        return $"d{dataVersion}-a{count}-{lastId}-{lastChange.Ticks}";
    }
}
