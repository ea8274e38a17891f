using Insights.Analytics.Jobs;
using Insights.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// A job worker: claims queued jobs and runs their handler, holding each job's lease with a heartbeat, publishing live
/// progress to <see cref="JobProgressHub"/> and persisting it about once a second. Two lanes, one job each: what a
/// person is waiting for (imports, reports) never queues behind long model work (labelling, training). Several
/// workers, in this process and others, share the database: each also requeues jobs whose lease expired (a worker
/// that died), and asks the <see cref="FreshnessService"/> what a finished job made stale.
/// </summary>
public sealed class JobRunner(
    JobQueue queue, IEnumerable<IJobHandler> handlers, JobProgressHub hub, FreshnessService freshness, IOptions<JobOptions> options,
    IOptions<AnnotationOptions> annotation, TimeProvider clock, ILogger<JobRunner> logger) : BackgroundService
{
    private static readonly string[] InteractiveKinds = [ImportJobHandler.JobKind, DemoImportJobHandler.JobKind, ReportJobHandler.JobKind];

    // The model lane claims every other kind, except labelling when this process has it switched off: such jobs, queued
    // or left leased by an earlier run, stay queued for a process that labels.
    private readonly string[] _notModelWork = annotation.Value.Enabled ? InteractiveKinds : [.. InteractiveKinds, AnnotateJobHandler.JobKind];

    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    private readonly SemaphoreSlim _wakeInteractive = new(0);
    private readonly SemaphoreSlim _wakeModelWork = new(0);
    private long _lastRequeueTicks;

    /// <summary>This worker's name on the jobs it claims: machine, process and a random part (a restarted process may reuse its id).</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        queue.Enqueued += Wake;
        try
        {
            await Task.WhenAll(
                LaneAsync(exceptKinds: false, _wakeInteractive, stoppingToken),
                LaneAsync(exceptKinds: true, _wakeModelWork, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Enqueued -= Wake;
        }
    }

    /// <summary>
    /// Runs one given job here if no worker has claimed it yet (the command line runs the import it queued, with a
    /// lease like any worker), then waits for it to finish wherever it runs.
    /// </summary>
    public async Task<BackgroundJob> RunOneAsync(long id, CancellationToken cancellationToken = default)
    {
        if (await queue.ClaimAsync(id, WorkerId, cancellationToken) is { } job)
            await RunAsync(job, cancellationToken);
        return await queue.WaitFinishedAsync(id, cancellationToken);
    }

    private async Task LaneAsync(bool exceptKinds, SemaphoreSlim wake, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            await RequeueExpiredAsync(stoppingToken);
            var job = await queue.ClaimNextAsync(WorkerId, exceptKinds ? _notModelWork : InteractiveKinds, exceptKinds, stoppingToken);
            if (job is null)
            {
                // Woken by a job queued here or, on PostgreSQL, notified by any process; the timeout is the fallback poll.
                await wake.WaitAsync(options.Value.Poll, stoppingToken);
                continue;
            }
            await RunAsync(job, stoppingToken);
        }
    }

    /// <summary>At most once per half lease across both lanes: enough for a dead worker's job to be picked up soon after its lease ends.</summary>
    private async Task RequeueExpiredAsync(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastRequeueTicks);
        if (now - last < options.Value.Lease.Ticks / 2 || Interlocked.CompareExchange(ref _lastRequeueTicks, now, last) != last)
            return;
        try
        {
            var requeued = await queue.RequeueExpiredAsync(stoppingToken);
            if (requeued > 0)
                logger.LogInformation("Took back {Count} job(s) whose worker stopped (lease expired)", requeued);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not requeue jobs with expired leases");
        }
    }

    private void Wake()
    {
        _wakeInteractive.Release();
        _wakeModelWork.Release();
    }

    private async Task RunAsync(BackgroundJob job, CancellationToken stoppingToken)
    {
        var progress = new JobProgressWriter(job, WorkerId, queue, hub, clock);
        hub.Publish(JobSnapshot.From(job) with { Status = JobStatus.Running });
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            await FinishAsync(job, JobStatus.Failed, null, $"No handler for jobs of kind '{job.Kind}'.", progress);
            return;
        }

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = HeartbeatAsync(job.Id, lost);
        try
        {
            logger.LogInformation("Job {Id} ({Kind}) started by {Worker}: {Title}", job.Id, job.Kind, WorkerId, job.Title);
            var result = await handler.RunAsync(job, progress, lost.Token);
            // Follow-up work is queued before the job shows as done, still under the lease.
            await AfterJobAsync(job, lost.Token);
            await StopAsync(lost, heartbeat);
            await FinishAsync(job, JobStatus.Succeeded, result, null, progress);
            logger.LogInformation("Job {Id} finished", job.Id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await StopAsync(lost, heartbeat);
            // Given back at once, so another worker takes it without waiting for the lease to expire.
            await queue.ReleaseAsync(job.Id, WorkerId, CancellationToken.None);
            throw;
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            await StopAsync(lost, heartbeat);
            logger.LogWarning("Job {Id} was stopped: this worker lost its lease, and another worker runs it", job.Id);
        }
        catch (Exception ex)
        {
            await StopAsync(lost, heartbeat);
            logger.LogError(ex, "Job {Id} ({Kind}) failed", job.Id, job.Kind);
            await FinishAsync(job, JobStatus.Failed, null, ex.Message, progress);
            await AfterJobAsync(job, stoppingToken);
        }
    }

    private async Task AfterJobAsync(BackgroundJob job, CancellationToken cancellationToken)
    {
        try
        {
            await freshness.AfterJobAsync(job, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not check what job {Id} made stale", job.Id);
        }
    }

    /// <summary>Renews the lease every third of it; cancels the work when the lease was lost (it expired and the job went to another worker).</summary>
    private async Task HeartbeatAsync(long jobId, CancellationTokenSource work)
    {
        using var timer = new PeriodicTimer(options.Value.Lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(work.Token))
            {
                bool held;
                try
                {
                    held = await queue.RenewLeaseAsync(jobId, WorkerId, work.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A busy database: the next beat tries again, well before the lease ends.
                    logger.LogDebug(ex, "Heartbeat of job {Id} failed", jobId);
                    continue;
                }
                if (!held)
                {
                    await work.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task StopAsync(CancellationTokenSource work, Task heartbeat)
    {
        if (!work.IsCancellationRequested)
            await work.CancelAsync();
        await heartbeat;
    }

    /// <summary>Attempts at recording a job's end before it is left to its lease (2 + 4 + 8 + 16 s apart, plus each write's own wait).</summary>
    private const int FinishAttempts = 5;

    /// <summary>
    /// Records the job's end. A busy or briefly unreachable database does not turn finished work into a failure or an
    /// exception: the write is tried again with growing pauses. If it never lands, the job stays running until its
    /// lease passes and a worker runs it again, as after a crash.
    /// </summary>
    private async Task FinishAsync(BackgroundJob job, JobStatus status, string? result, string? error, JobProgressWriter progress)
    {
        progress.Finished = true;
        // Progress before status: whoever sees the job finished in the database sees its final progress too.
        await progress.SavedAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await queue.ReportProgressAsync(job.Id, WorkerId, progress.Done, progress.Total, progress.Message, CancellationToken.None);
                if (!await queue.FinishAsync(job.Id, WorkerId, status, result, error, CancellationToken.None))
                {
                    logger.LogWarning("Job {Id} ended here after its lease had passed to another worker; that worker's outcome stands", job.Id);
                    return;
                }
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (attempt == FinishAttempts)
                {
                    logger.LogError(ex, "Could not record the end of job {Id} ({Status}) after {Attempts} attempts; it runs again when its lease passes", job.Id, status, attempt);
                    return;
                }
                logger.LogWarning(ex, "Could not record the end of job {Id} (attempt {Attempt} of {Attempts}); trying again", job.Id, attempt, FinishAttempts);
                await Task.Delay(TimeSpan.FromSeconds(1 << attempt), clock);
            }
        }
        hub.Publish(JobSnapshot.From(job) with { Status = status, ResultJson = result, Error = error, Done = progress.Done, Total = progress.Total, Message = progress.Message });
    }
}
