using Insights.Analytics.Jobs;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// A job's progress: published live to the hub at every report, persisted about once a second by a writer of its
/// own. The reporting thread never touches the database: an import reports from inside its write transaction, and
/// on SQLite a progress write there would wait out the busy timeout against that very transaction, stalling the
/// import and, with it, every other writer of the app. Only the latest values are written; one write at a time.
/// </summary>
internal sealed class JobProgressWriter(BackgroundJob job, string workerId, JobQueue queue, JobProgressHub hub, TimeProvider clock) : IJobProgress
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
                await queue.ReportProgressAsync(job.Id, workerId, done, total, message);
            }
            catch (Exception)
            {
                // Progress is informative: a busy database loses this write, the next report or the final state carries it.
            }
        }
    }
}
