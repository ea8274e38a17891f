using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Annotations;

/// <summary>A media asset waiting for labels of the current version.</summary>
public sealed record PendingAsset(long AssetId, string StoragePath, string ContentType);

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
}
