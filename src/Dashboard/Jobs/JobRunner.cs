using Insights.Analytics.Jobs;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// The in-process worker: claims queued jobs and runs their handler, publishing live progress to
/// <see cref="JobProgressHub"/> and persisting it about once a second. Two lanes, one job each: what a
/// person is waiting for (imports, reports) never queues behind long model work (labelling, training).
/// </summary>
public sealed class JobRunner(JobQueue queue, IEnumerable<IJobHandler> handlers, JobProgressHub hub, TimeProvider clock, ILogger<JobRunner> logger) : BackgroundService
{
    private static readonly string WorkerId = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    private static readonly string[] InteractiveKinds = [ImportJobHandler.JobKind, DemoImportJobHandler.JobKind, ReportJobHandler.JobKind];

    private readonly SemaphoreSlim _wakeInteractive = new(0);
    private readonly SemaphoreSlim _wakeModelWork = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        queue.Enqueued += Wake;
        try
        {
            // SQLite has one worker, this one; anything still marked running was cut off by a stop.
            var requeued = await queue.RequeueInterruptedAsync(stoppingToken);
            if (requeued > 0)
                logger.LogInformation("Resumed {Count} job(s) interrupted by the last stop", requeued);

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

    private async Task LaneAsync(bool exceptKinds, SemaphoreSlim wake, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var job = await queue.ClaimNextAsync(WorkerId, InteractiveKinds, exceptKinds, stoppingToken);
            if (job is null)
            {
                await wake.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
                continue;
            }
            await RunAsync(job, stoppingToken);
        }
    }

    private void Wake()
    {
        _wakeInteractive.Release();
        _wakeModelWork.Release();
    }

    private async Task RunAsync(BackgroundJob job, CancellationToken stoppingToken)
    {
        var progress = new Progress(job, queue, hub, clock);
        hub.Publish(JobSnapshot.From(job) with { Status = JobStatus.Running });
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            await FinishAsync(job, JobStatus.Failed, null, $"No handler for jobs of kind '{job.Kind}'.", progress);
            return;
        }

        try
        {
            logger.LogInformation("Job {Id} ({Kind}) started: {Title}", job.Id, job.Kind, job.Title);
            var result = await handler.RunAsync(job, progress, stoppingToken);
            await FinishAsync(job, JobStatus.Succeeded, result, null, progress);
            logger.LogInformation("Job {Id} finished", job.Id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Left as Running: the next start puts it back in the queue.
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Id} ({Kind}) failed", job.Id, job.Kind);
            await FinishAsync(job, JobStatus.Failed, null, ex.Message, progress);
        }
    }

    private async Task FinishAsync(BackgroundJob job, JobStatus status, string? result, string? error, Progress progress)
    {
        progress.Finished = true;
        // Progress before status: whoever sees the job finished in the database sees its final progress too.
        await progress.SavedAsync();
        await queue.ReportProgressAsync(job.Id, progress.Done, progress.Total, progress.Message, CancellationToken.None);
        await queue.FinishAsync(job.Id, status, result, error, CancellationToken.None);
        hub.Publish(JobSnapshot.From(job) with { Status = status, ResultJson = result, Error = error, Done = progress.Done, Total = progress.Total, Message = progress.Message });
    }

    /// <summary>
    /// A job's progress: published live to the hub at every report, persisted about once a second by a writer of its
    /// own. The reporting thread never touches the database: an import reports from inside its write transaction, and
    /// on SQLite a progress write there would wait out the busy timeout against that very transaction, stalling the
    /// import and, with it, every other writer of the app. Only the latest values are written; one write at a time.
    /// </summary>
    private sealed class Progress(BackgroundJob job, JobQueue queue, JobProgressHub hub, TimeProvider clock) : IJobProgress
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _lastSaved = DateTimeOffset.MinValue;
        private Task _saving = Task.CompletedTask;
        private bool _pending;
        private bool _writing;

        public long Done { get; private set; }
        public long Total { get; private set; }
        public string? Message { get; private set; }

        /// <summary>Set once the job ends; reports after it would repaint a finished job as running.</summary>
        public bool Finished { get; set; }

        public void Report(long done, long total, string? message = null)
        {
            if (Finished)
                return;
            lock (_gate)
            {
                Done = done;
                Total = total;
                Message = message ?? Message;
            }
            hub.Publish(JobSnapshot.From(job) with { Status = JobStatus.Running, Done = done, Total = total, Message = Message });
            var now = clock.GetUtcNow();
            if (now - _lastSaved < TimeSpan.FromSeconds(1))
                return;
            _lastSaved = now;
            lock (_gate)
            {
                // A writer under way takes the latest values in its next round; else one starts, off this thread.
                _pending = true;
                if (!_writing)
                {
                    _writing = true;
                    _saving = Task.Run(SaveLatestAsync);
                }
            }
        }

        /// <summary>Waits for the progress write under way, so none lands after the final one.</summary>
        public async Task SavedAsync()
        {
            Task saving;
            lock (_gate)
            {
                _pending = false;
                saving = _saving;
            }
            await saving;
        }

        private async Task SaveLatestAsync()
        {
            while (true)
            {
                long done, total;
                string? message;
                lock (_gate)
                {
                    if (!_pending)
                    {
                        _writing = false;
                        return;
                    }
                    _pending = false;
                    (done, total, message) = (Done, Total, Message);
                }
                try
                {
                    await queue.ReportProgressAsync(job.Id, done, total, message);
                }
                catch (Exception)
                {
                    // Progress is informative: a busy database loses this write, the next report or the final state carries it.
                }
            }
        }
    }
}
