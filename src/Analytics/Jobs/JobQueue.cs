using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Jobs;

/// <summary>
/// The persistent queue of long work. Claiming is a compare-and-set UPDATE, so it stays correct
/// with several workers on a server database; on SQLite one in-process worker claims.
/// </summary>
public sealed class JobQueue(IDbContextFactory<InsightsDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>Raised after a job is queued, so an idle worker wakes at once.</summary>
    public event Action? Enqueued;

    public async Task<long> EnqueueAsync(string kind, string title, int? profileId, string payloadJson, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = new BackgroundJob
        {
            Kind = kind,
            Title = title.Length > 300 ? title[..300] : title,
            ProfileId = profileId,
            PayloadJson = payloadJson,
            Status = JobStatus.Queued,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        context.Jobs.Add(job);
        await context.SaveChangesAsync(cancellationToken);
        Enqueued?.Invoke();
        return job.Id;
    }

    /// <summary>Claims the oldest queued job, or returns null when there is none.</summary>
    /// <param name="workerId">Who claims (recorded on the job).</param>
    /// <param name="kinds">Claim only jobs of these kinds (or, with <paramref name="exceptKinds"/>, of any other kind); null for any.</param>
    /// <param name="exceptKinds">Whether <paramref name="kinds"/> lists the kinds to leave alone.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    public async Task<BackgroundJob?> ClaimNextAsync(string workerId, IReadOnlyCollection<string>? kinds = null, bool exceptKinds = false, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var queued = context.Jobs.Where(j => j.Status == JobStatus.Queued);
            if (kinds is not null)
                queued = exceptKinds ? queued.Where(j => !kinds.Contains(j.Kind)) : queued.Where(j => kinds.Contains(j.Kind));
            var candidate = await queued.OrderBy(j => j.Id).Select(j => (long?)j.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
                return null;
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await context.Jobs.Where(j => j.Id == candidate && j.Status == JobStatus.Queued)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Running)
                    .SetProperty(j => j.ClaimedBy, workerId)
                    .SetProperty(j => j.StartedUtc, now)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), cancellationToken);
            if (claimed == 1)
                return await context.Jobs.AsNoTracking().FirstAsync(j => j.Id == candidate, cancellationToken);
        }
        return null;
    }

    public async Task ReportProgressAsync(long id, long done, long total, string? message, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Done, done).SetProperty(j => j.Total, total).SetProperty(j => j.Message, message), cancellationToken);
    }

    public async Task FinishAsync(long id, JobStatus status, string? resultJson, string? error, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await context.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status).SetProperty(j => j.ResultJson, resultJson)
            .SetProperty(j => j.Error, error).SetProperty(j => j.FinishedUtc, now), cancellationToken);
    }

    /// <summary>
    /// Puts back jobs a stopped process left running; jobs are idempotent, so they simply run again.
    /// Called at start by the single SQLite worker; several workers would need heartbeats instead.
    /// </summary>
    public async Task<int> RequeueInterruptedAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Jobs.Where(j => j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.ClaimedBy, (string?)null), cancellationToken);
    }

    public async Task<BackgroundJob?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
    }

    public async Task<List<BackgroundJob>> RecentAsync(int? profileId, string? kind, int count, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.Jobs.AsNoTracking();
        if (profileId is not null) query = query.Where(j => j.ProfileId == profileId);
        if (kind is not null) query = query.Where(j => j.Kind == kind);
        return await query.OrderByDescending(j => j.Id).Take(count).ToListAsync(cancellationToken);
    }
}
