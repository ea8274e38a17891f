using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Jobs;

/// <summary>
/// The persistent queue of long work, safe for several workers in several processes. Claiming is one conditional
/// UPDATE (on PostgreSQL over <c>FOR UPDATE SKIP LOCKED</c>, see <see cref="DatabaseProvider.ClaimNextJobAsync"/>), so exactly one worker gets a job; the claim is a lease its worker's heartbeat renews, and only a job whose
/// lease expired goes back in the queue. Every later write of a job is conditional on the worker still holding it.
/// </summary>
public sealed class JobQueue(IDbContextFactory<InsightsDbContext> contextFactory, DatabaseProvider database, TimeProvider clock, IOptions<JobOptions> options)
{
    /// <summary>
    /// Raised after a job is queued in this process, or in another one that notified it (PostgreSQL, see
    /// <see cref="ListenAsync"/>), so an idle worker here wakes at once; without notifications other processes poll.
    /// </summary>
    public event Action? Enqueued;

    /// <summary>Raised when another process notified that a job started, reported progress or finished, so pages read the jobs again.</summary>
    public event Action? Changed;

    /// <summary>
    /// Hears the notifications of every process on the database until cancelled and raises <see cref="Enqueued"/> and
    /// <see cref="Changed"/> for them; returns at once where the engine has none (SQLite: polling alone).
    /// </summary>
    public Task ListenAsync(Action<Exception> failed, CancellationToken cancellationToken) =>
        database.ListenForJobsAsync(notice =>
        {
            if (notice == JobNotice.Queued)
                Enqueued?.Invoke();
            Changed?.Invoke();
        }, failed, cancellationToken);

    public async Task<long> EnqueueAsync(string kind, string title, int? profileId, string payloadJson, CancellationToken cancellationToken = default) =>
        (await InsertAsync(kind, title, profileId, payloadJson, queuedKey: null, cancellationToken)).Id;

    /// <summary>
    /// Queues the job unless one of the same kind and profile is already waiting; then returns that one. The unique
    /// <see cref="BackgroundJob.QueuedKey"/> settles a race between processes that both checked and found none.
    /// </summary>
    public async Task<(long Id, bool Queued)> EnqueueOnceAsync(string kind, string title, int? profileId, string payloadJson, CancellationToken cancellationToken = default)
    {
        var key = QueuedKey(kind, profileId);
        for (var attempt = 0; ; attempt++)
        {
            if (await WaitingAsync(key, cancellationToken) is { } waiting)
                return (waiting, false);
            try
            {
                var job = await InsertAsync(kind, title, profileId, payloadJson, key, cancellationToken);
                return (job.Id, true);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another worker queued the same work between the check and the insert: the loop finds its job. (A key
                // freed by a claim in between lets the next insert through.)
            }
        }
    }

    /// <summary>The key that makes a waiting job unique: kind and profile ("drivers:3", "annotate:-").</summary>
    public static string QueuedKey(string kind, int? profileId) =>
        $"{kind}:{profileId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";

    private async Task<long?> WaitingAsync(string key, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Jobs.Where(j => j.QueuedKey == key).Select(j => (long?)j.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<BackgroundJob> InsertAsync(string kind, string title, int? profileId, string payloadJson, string? queuedKey, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = new BackgroundJob
        {
            Kind = kind,
            Title = title.Length > 300 ? title[..300] : title,
            ProfileId = profileId,
            PayloadJson = payloadJson,
            Status = JobStatus.Queued,
            QueuedKey = queuedKey,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        context.Jobs.Add(job);
        await context.SaveChangesAsync(cancellationToken);
        await database.NotifyJobsAsync(context, JobNotice.Queued, cancellationToken);
        Enqueued?.Invoke();
        return job;
    }

    /// <summary>Claims the oldest queued job with a lease, or returns null when there is none.</summary>
    /// <param name="workerId">Who claims (recorded on the job; every later write checks it).</param>
    /// <param name="kinds">Claim only jobs of these kinds (or, with <paramref name="exceptKinds"/>, of any other kind); null for any.</param>
    /// <param name="exceptKinds">Whether <paramref name="kinds"/> lists the kinds to leave alone.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    public async Task<BackgroundJob?> ClaimNextAsync(string workerId, IReadOnlyCollection<string>? kinds = null, bool exceptKinds = false, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await database.ClaimNextJobAsync(context, NewClaim(workerId, kinds, exceptKinds), cancellationToken);
        if (job is not null)
            await database.NotifyJobsAsync(context, JobNotice.Changed, cancellationToken);
        return job;
    }

    /// <summary>Claims one given job if it is still queued (a command that queued its own work and runs it), else returns null.</summary>
    public async Task<BackgroundJob?> ClaimAsync(long id, string workerId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await NewClaim(workerId, null, false).ClaimAsync(context, id, cancellationToken);
    }

    private JobClaim NewClaim(string workerId, IReadOnlyCollection<string>? kinds, bool exceptKinds)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new JobClaim(workerId, kinds, exceptKinds, now, now + options.Value.Lease);
    }

    /// <summary>The heartbeat: extends the lease; false when the worker no longer holds the job (its lease expired and it was requeued).</summary>
    public async Task<bool> RenewLeaseAsync(long id, string workerId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var lease = clock.GetUtcNow().UtcDateTime + options.Value.Lease;
        return await Held(context, id, workerId).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, lease), cancellationToken) == 1;
    }

    public async Task ReportProgressAsync(long id, string workerId, long done, long total, string? message, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await Held(context, id, workerId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Done, done).SetProperty(j => j.Total, total).SetProperty(j => j.Message, message), cancellationToken) == 1)
            await database.NotifyJobsAsync(context, JobNotice.Changed, cancellationToken);
    }

    /// <summary>Records the outcome; false (and nothing written) when the worker lost the job to another one.</summary>
    public async Task<bool> FinishAsync(long id, string workerId, JobStatus status, string? resultJson, string? error, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var finished = await Held(context, id, workerId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status).SetProperty(j => j.ResultJson, resultJson).SetProperty(j => j.LeaseUntil, (DateTime?)null)
            .SetProperty(j => j.Error, error).SetProperty(j => j.FinishedUtc, now), cancellationToken) == 1;
        if (finished)
            await database.NotifyJobsAsync(context, JobNotice.Changed, cancellationToken);
        return finished;
    }

    /// <summary>Gives a job back to the queue at once (a worker stopping cleanly), so nobody waits for its lease to expire.</summary>
    public async Task ReleaseAsync(long id, string workerId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await Held(context, id, workerId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.ClaimedBy, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1), cancellationToken) == 1)
            await database.NotifyJobsAsync(context, JobNotice.Queued, cancellationToken);
    }

    /// <summary>
    /// Puts back the running jobs whose lease expired (their worker stopped or hangs); any worker may call it. A job
    /// that has used all its attempts is failed instead, so work that kills its worker does not loop forever.
    /// </summary>
    public async Task<int> RequeueExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var maxAttempts = options.Value.MaxAttempts;
        // A running job without a lease was claimed before leases existed: its lease counts as expired.
        var expired = context.Jobs.Where(j => j.Status == JobStatus.Running && (j.LeaseUntil == null || j.LeaseUntil < now));
        var failed = await expired.Where(j => j.Attempts >= maxAttempts).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Failed).SetProperty(j => j.LeaseUntil, (DateTime?)null).SetProperty(j => j.FinishedUtc, now)
            .SetProperty(j => j.Error, $"The worker running it stopped {maxAttempts} times; the job is not tried again."), cancellationToken);
        var requeued = await expired.Where(j => j.Attempts < maxAttempts).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Queued).SetProperty(j => j.ClaimedBy, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null), cancellationToken);
        if (requeued > 0)
            await database.NotifyJobsAsync(context, JobNotice.Queued, cancellationToken);
        return failed + requeued;
    }

    private static IQueryable<BackgroundJob> Held(InsightsDbContext context, long id, string workerId) =>
        context.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Running && j.ClaimedBy == workerId);

    public async Task<BackgroundJob?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
    }

    /// <summary>Waits until the job has finished (any worker, any process), reading its state four times a second.</summary>
    public async Task<BackgroundJob> WaitFinishedAsync(long id, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var job = await GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"There is no job {id}.");
            if (job.Status is JobStatus.Succeeded or JobStatus.Failed)
                return job;
            // Wall-clock polling, not the injected clock: a test's fake clock must not stall a request waiting for its job.
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    public async Task<List<BackgroundJob>> RecentAsync(int? profileId, string? kind, int count, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.Jobs.AsNoTracking();
        if (profileId is not null) query = query.Where(j => j.ProfileId == profileId);
        if (kind is not null) query = query.Where(j => j.Kind == kind);
        return await query.OrderByDescending(j => j.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>Jobs waiting or running, and those finished since <paramref name="finishedAfterUtc"/>, newest first: what progress bars show.</summary>
    public async Task<List<BackgroundJob>> CurrentAsync(DateTime finishedAfterUtc, int count, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running || j.FinishedUtc > finishedAfterUtc)
            .OrderByDescending(j => j.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>Jobs filtered for the API: by profiles (null for any), status (null for any), newest first.</summary>
    public async Task<List<BackgroundJob>> ListAsync(IReadOnlyCollection<int>? profileIds, bool includeUnprofiled, JobStatus? status, int count, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.Jobs.AsNoTracking();
        if (profileIds is not null)
            query = includeUnprofiled
                ? query.Where(j => j.ProfileId == null || profileIds.Contains(j.ProfileId.Value))
                : query.Where(j => j.ProfileId != null && profileIds.Contains(j.ProfileId.Value));
        if (status is not null)
            query = query.Where(j => j.Status == status);
        return await query.OrderByDescending(j => j.Id).Take(count).ToListAsync(cancellationToken);
    }
}
