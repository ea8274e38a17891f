using Insights.Analytics.Ingestion;
using Insights.Analytics.Storage;
using Insights.Analytics.Timing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Profiles;

/// <summary>
/// The time zone a profile's hours and weekdays are read in, for every figure that has them (best times, the by-label
/// time of day and weekday, the drivers model's hour and weekday, recommendations): the profile's own zone, else
/// Timing:TimeZone, else Import:TimeZone. A profile zone this machine no longer knows falls back too.
/// </summary>
public sealed class ProfileZoneResolver(IDbContextFactory<InsightsDbContext> contexts, IOptions<TimingOptions> timing, IOptions<ImportOptions> import)
{
    public TimeZoneInfo Zone(string? profileTimeZone) =>
        profileTimeZone is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(profileTimeZone, out var own)
            ? own
            : TimeZoneInfo.FindSystemTimeZoneById(timing.Value.TimeZone.Length > 0 ? timing.Value.TimeZone : import.Value.TimeZone);

    /// <summary>The zone of a profile (see <see cref="Zone(string?)"/>); one row read. An unknown profile gets the configured zone.</summary>
    public async Task<TimeZoneInfo> ZoneAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var own = await context.Profiles.Where(p => p.Id == profileId).Select(p => p.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return Zone(own);
    }
}
