using Insights.Analytics.Engagement;
using Insights.Analytics.Ingestion;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Timing;

/// <summary>The best-times heatmap of a profile, over its posts in a date range, in the configured time zone.</summary>
public sealed class BestTimesService(EngagementService engagement, IOptions<TimingOptions> timing, IOptions<ImportOptions> import)
{
    public TimingOptions Options => timing.Value;

    /// <summary>The zone weekdays and hours are read in: Timing:TimeZone, else Import:TimeZone.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(timing.Value.TimeZone.Length > 0 ? timing.Value.TimeZone : import.Value.TimeZone);

    public async Task<BestTimesResult> GetAsync(int profileId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var posts = (await engagement.LoadPostsAsync(profileId, cancellationToken: cancellationToken))
            .Where(p => (from is null || DateOnly.FromDateTime(p.PublishedUtc) >= from) && (to is null || DateOnly.FromDateTime(p.PublishedUtc) <= to))
            .ToList();
        return PostingTimes.Compute(posts, Zone, engagement.Options, timing.Value.MinPostsPerCell);
    }
}
