using Insights.Analytics.Domain;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Reports;

/// <summary>Lists, adds, switches and removes a profile's report schedules.</summary>
public sealed class ReportSchedules(IDbContextFactory<InsightsDbContext> contextFactory, TimeProvider clock)
{
    public async Task<List<ReportSchedule>> ListAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.ReportSchedules.AsNoTracking().Where(s => s.ProfileId == profileId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <param name="compareWith">Ids of other profiles each report compares the profile with; the caller checks that the user may see them.</param>
    public async Task<ReportSchedule> AddAsync(int profileId, ReportCadence cadence, string format, string createdBy, IReadOnlyCollection<int>? compareWith = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var schedule = new ReportSchedule
        {
            ProfileId = profileId,
            Cadence = cadence,
            Format = format,
            CreatedBy = createdBy,
            CompareWith = compareWith?.Any(id => id != profileId) == true ? string.Join(",", compareWith.Where(id => id != profileId).Distinct()) : null,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        context.ReportSchedules.Add(schedule);
        await context.SaveChangesAsync(cancellationToken);
        return schedule;
    }

    public async Task SetEnabledAsync(long id, bool enabled, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.ReportSchedules.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Enabled, enabled), cancellationToken);
    }

    public async Task RemoveAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.ReportSchedules.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }
}
