using System.Text.Json;
using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
using Insights.Analytics.Reports;
using Insights.Analytics.Storage;
using Insights.Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Reports;

/// <summary>
/// Queues scheduled reports: at start and every Reports:CheckMinutes, each enabled schedule whose last finished
/// period (the previous Monday-to-Sunday week, or the previous month, in UTC) has not been queued yet gets one
/// report job. The period is claimed with a compare-and-set update before the job is queued, so a period is
/// reported once however many checks or instances run, and the stored claim survives restarts.
/// </summary>
public sealed class ReportScheduler(
    IDbContextFactory<InsightsDbContext> contextFactory,
    JobQueue queue,
    TimeProvider clock,
    IOptions<ReportOptions> options,
    ILogger<ReportScheduler> logger) : BackgroundService
{
    /// <summary>The last period that has ended by <paramref name="today"/>: [start, end] inclusive.</summary>
    public static (DateOnly Start, DateOnly End) LastFinishedPeriod(ReportCadence cadence, DateOnly today)
    {
        if (cadence == ReportCadence.Monthly)
        {
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            return (thisMonth.AddMonths(-1), thisMonth.AddDays(-1));
        }
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return (monday.AddDays(-7), monday.AddDays(-1));
    }

    /// <summary>Queues the due reports; returns how many were queued.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var schedules = await context.ReportSchedules.AsNoTracking().Where(s => s.Enabled)
            .Join(context.Profiles, s => s.ProfileId, p => p.Id, (s, p) => new { Schedule = s, p.Name })
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var item in schedules)
        {
            var schedule = item.Schedule;
            var (start, end) = LastFinishedPeriod(schedule.Cadence, today);
            if (schedule.LastPeriodStart >= start)
                continue;
            var claimed = await context.ReportSchedules
                .Where(s => s.Id == schedule.Id && (s.LastPeriodStart == null || s.LastPeriodStart < start))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastPeriodStart, start), cancellationToken);
            if (claimed != 1)
                continue;
            var payload = new ReportJobPayload(schedule.ProfileId, item.Name, start, end, schedule.Format, schedule.Id, CompareWith: schedule.ComparedProfileIds());
            var title = $"{(schedule.Cadence == ReportCadence.Weekly ? "Weekly" : "Monthly")} {schedule.Format.ToUpperInvariant()} report of '{item.Name}', {start:d MMM yyyy} – {end:d MMM yyyy}";
            try
            {
                await queue.EnqueueAsync(ReportJobHandler.JobKind, title, schedule.ProfileId, JsonSerializer.Serialize(payload), cancellationToken);
            }
            catch
            {
                // Give the period back, so the next check queues it.
                await context.ReportSchedules.Where(s => s.Id == schedule.Id && s.LastPeriodStart == start)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastPeriodStart, schedule.LastPeriodStart), CancellationToken.None);
                throw;
            }
            queued++;
            logger.LogInformation("Queued {Title}", title);
        }
        return queued;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.CheckMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be migrating or busy at start; the next check tries again.
                logger.LogWarning(ex, "Checking the report schedules failed");
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
