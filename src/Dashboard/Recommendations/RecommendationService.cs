using Insights.Analytics.Caching;
using Insights.Analytics.Engagement;
using Insights.Analytics.Recommendations;
using Insights.Analytics.Storage;
using Insights.Analytics.Timing;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Labels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Recommendations;

/// <summary>A past post shown as an example of a suggestion: when, its link and its first media file (for a thumbnail).</summary>
public sealed record ExamplePost(long PostId, string PlatformPostId, DateTime PublishedUtc, string? Permalink, string? Sha256);

/// <summary>The suggestions for a profile with their example posts looked up.</summary>
public sealed record RecommendationView(RecommendationResult Result, string TimeZone, IReadOnlyDictionary<long, ExamplePost> Examples);

/// <summary>
/// Suggestions of what to post next from the profile's history, with automatic and custom labels included, ranked by
/// the stored drivers model's predicted lift (by the observed lift until a model is trained). The computation takes
/// seconds (thousands of bootstrap resamples per choice), so its result is kept in the shared memory cache, stamped
/// with the profile's data and labels, the drivers model it used, the time zone and the range; it runs off the
/// caller's thread, so a page's circuit keeps rendering meanwhile.
/// </summary>
public sealed class RecommendationService(
    EngagementService engagement,
    PostLabelSource labels,
    BestTimesService times,
    DriversStore drivers,
    IOptions<RecommendationOptions> options,
    IDbContextFactory<InsightsDbContext> contexts,
    StampedCache cache)
{
    // The view holds at most two lists of MaxItems suggestions with a few example posts each.
    private const long ViewBytes = 64 * 1024;

    public async Task<RecommendationView> GetAsync(int profileId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var zone = await times.ZoneAsync(profileId, cancellationToken);
        var stamp = string.Join('|', await labels.StampAsync(profileId, cancellationToken), drivers.GetFigures(profileId)?.TrainedUtc.Ticks, zone.Id, from, to);
        // The shared load is not cancelled with one caller: another page may be waiting on the same result.
        return await cache.GetAsync<RecommendationView>(new CacheKey("recommendations", profileId), stamp,
            _ => Task.Run(() => ComputeAsync(profileId, zone, from, to, CancellationToken.None)), _ => ViewBytes).WaitAsync(cancellationToken);
    }

    private async Task<RecommendationView> ComputeAsync(int profileId, TimeZoneInfo zone, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var automatic = await labels.AutomaticLabelsAsync(profileId, cancellationToken);
        var posts = (await engagement.LoadPostsAsync(profileId, automatic, cancellationToken))
            .Where(p => (from is null || DateOnly.FromDateTime(p.PublishedUtc) >= from) && (to is null || DateOnly.FromDateTime(p.PublishedUtc) <= to))
            .ToList();
        var result = Recommender.Compute(posts, zone, engagement.Options, options.Value, drivers.GetModel(profileId));

        var ids = result.Suggestions.Concat(result.Avoid).SelectMany(r => r.Examples).Distinct().ToList();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var media = await context.Set<Insights.Analytics.Domain.PostMedia>().Where(m => ids.Contains(m.PostId))
            .OrderBy(m => m.Position).Select(m => new { m.PostId, m.MediaAsset!.Sha256 }).ToListAsync(cancellationToken);
        var firstMedia = media.GroupBy(m => m.PostId).ToDictionary(g => g.Key, g => g.First().Sha256);
        var examples = await context.Posts.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.PlatformPostId, p.PublishedUtc, p.Permalink }).ToListAsync(cancellationToken);
        return new RecommendationView(result, zone.Id, examples.ToDictionary(
            p => p.Id, p => new ExamplePost(p.Id, p.PlatformPostId, p.PublishedUtc, p.Permalink, firstMedia.GetValueOrDefault(p.Id))));
    }
}
