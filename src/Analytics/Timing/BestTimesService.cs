using System.Globalization;
using Insights.Analytics.Caching;
using Insights.Analytics.Engagement;
using Insights.Analytics.Profiles;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Timing;

/// <summary>
/// The best-times heatmap of a profile, over its posts in a date range, in the profile's time zone (else the configured one). The bootstrap
/// intervals of 168 cells and 56 slots take seconds on a large profile, so the result is kept in the shared memory
/// cache, stamped with the profile's data version, the zone and the range, and computed off the caller's thread so a
/// page's circuit keeps rendering meanwhile.
/// </summary>
public sealed class BestTimesService(
    EngagementService engagement,
    IDbContextFactory<InsightsDbContext> contexts,
    StampedCache cache,
    ProfileZoneResolver zones,
    IOptions<TimingOptions> timing)
{
    // 168 cells and at most 56 slots of a few numbers each.
    private const long ResultBytes = 48 * 1024;

    public TimingOptions Options => timing.Value;

    /// <summary>The zone weekdays and hours are read in (see <see cref="ProfileZoneResolver"/>).</summary>
    public TimeZoneInfo Zone(string? profileTimeZone) => zones.Zone(profileTimeZone);

    /// <summary>The zone a profile's weekdays and hours are read in; one row read.</summary>
    public Task<TimeZoneInfo> ZoneAsync(int profileId, CancellationToken cancellationToken = default) => zones.ZoneAsync(profileId, cancellationToken);

    public async Task<BestTimesResult> GetAsync(int profileId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var (version, timeZone) = await ReadProfileAsync(profileId, cancellationToken);
        var zone = Zone(timeZone);
        var stamp = string.Join('|', version.ToString(CultureInfo.InvariantCulture), zone.Id, timing.Value.MinPostsPerCell, from, to);
        // The shared computation is not cancelled with one caller: another page may be waiting on the same result.
        return await cache.GetAsync<BestTimesResult>(new CacheKey(nameof(BestTimesService), profileId), stamp,
            _ => Task.Run(() => ComputeAsync(profileId, zone, from, to, CancellationToken.None)), _ => ResultBytes).WaitAsync(cancellationToken);
    }

    private async Task<(long DataVersion, string? TimeZone)> ReadProfileAsync(int profileId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var profile = await context.Profiles.Where(p => p.Id == profileId).Select(p => new { p.DataVersion, p.TimeZone }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"No profile {profileId}.");
        return (profile.DataVersion, profile.TimeZone);
    }

    private async Task<BestTimesResult> ComputeAsync(int profileId, TimeZoneInfo zone, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var posts = (await engagement.LoadPostsAsync(profileId, cancellationToken: cancellationToken))
            .Where(p => (from is null || DateOnly.FromDateTime(p.PublishedUtc) >= from) && (to is null || DateOnly.FromDateTime(p.PublishedUtc) <= to))
            .ToList();
        return PostingTimes.Compute(posts, zone, engagement.Options, timing.Value.MinPostsPerCell);
    }
}
