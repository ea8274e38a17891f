using Insights.Analytics.Domain;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Profiles;

/// <summary>The descriptive side of a post (caption, link, media), for tables and detail views.</summary>
public sealed record PostDetails(long PostId, string? Caption, string? Permalink, long? VideoViews, double? DurationSeconds, string? CoverSha256, string? CoverContentType, int MediaCount);

/// <summary>One media file of a post, in the post's order.</summary>
public sealed record PostMediaItem(long PostId, int Position, long AssetId, string Sha256, string ContentType);

/// <summary>A manual label of a post.</summary>
public sealed record PostLabel(long PostId, string Category, string Value);

/// <summary>Reads posts' captions, media and labels for a profile.</summary>
public sealed class PostCatalog(IDbContextFactory<InsightsDbContext> contextFactory)
{
    public async Task<Dictionary<long, PostDetails>> DetailsAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await DetailsAsync(context.Posts.AsNoTracking().Where(p => p.ProfileId == profileId), cancellationToken, profileId);
    }

    /// <summary>The details of the given posts of the profile only: what one screen of a table shows.</summary>
    public async Task<Dictionary<long, PostDetails>> DetailsAsync(int profileId, IReadOnlyCollection<long> postIds, CancellationToken cancellationToken = default)
    {
        if (postIds.Count == 0)
            return [];
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Found by primary key, the profile checked on the rows read: with the profile's condition in the query, SQLite
        // walks the profile's index over every one of its posts (a million at scale) to find one screen's rows.
        return await DetailsAsync(context.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)), cancellationToken, profileId);
    }

    /// <summary>The ids of the profile's posts whose platform id or caption contains <paramref name="text"/>, ignoring case.</summary>
    public async Task<HashSet<long>> SearchAsync(int profileId, string text, CancellationToken cancellationToken = default)
    {
        var lowered = text.Trim().ToLowerInvariant();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ids = await context.Posts.AsNoTracking()
            .Where(p => p.ProfileId == profileId && (p.PlatformPostId.ToLower().Contains(lowered) || (p.Caption != null && p.Caption.ToLower().Contains(lowered))))
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        return [.. ids];
    }

    private static async Task<Dictionary<long, PostDetails>> DetailsAsync(IQueryable<Post> posts, CancellationToken cancellationToken, int profileId)
    {
        var rows = await posts
            .Select(p => new
            {
                p.Id, p.ProfileId, p.Caption, p.Permalink, p.VideoViews, p.DurationSeconds,
                Cover = p.Media.OrderBy(m => m.Position).Select(m => new { m.MediaAsset!.Sha256, m.MediaAsset.ContentType }).FirstOrDefault(),
                MediaCount = p.Media.Count,
            })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.ProfileId == profileId).ToDictionary(r => r.Id, r => new PostDetails(r.Id, r.Caption, r.Permalink, r.VideoViews, r.DurationSeconds, r.Cover?.Sha256, r.Cover?.ContentType, r.MediaCount));
    }

    public async Task<List<PostLabel>> LabelsAsync(long postId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.ManualLabels.AsNoTracking().Where(l => l.PostId == postId)
            .OrderBy(l => l.Category).ThenBy(l => l.Value)
            .Select(l => new PostLabel(l.PostId, l.Category, l.Value))
            .ToListAsync(cancellationToken);
    }

    public async Task<List<string>> MediaAsync(long postId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.PostMedia.AsNoTracking().Where(m => m.PostId == postId).OrderBy(m => m.Position)
            .Select(m => m.MediaAsset!.Sha256).ToListAsync(cancellationToken);
    }

    /// <summary>Every media file of every post of a profile, by post and position.</summary>
    public async Task<List<PostMediaItem>> MediaOfProfileAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.PostMedia.AsNoTracking().Where(m => m.Post!.ProfileId == profileId)
            .OrderBy(m => m.PostId).ThenBy(m => m.Position)
            .Select(m => new PostMediaItem(m.PostId, m.Position, m.MediaAssetId, m.MediaAsset!.Sha256, m.MediaAsset.ContentType))
            .ToListAsync(cancellationToken);
    }
}
