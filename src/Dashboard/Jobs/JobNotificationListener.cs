using Insights.Analytics.Jobs;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// Hears what other processes say about the jobs (PostgreSQL's LISTEN/NOTIFY, see <see cref="JobQueue.ListenAsync"/>):
/// a queued job wakes this process's idle workers at once, a job's progress makes its pages read the jobs again. Ends at
/// once on SQLite, where workers and pages poll.
/// </summary>
public sealed class JobNotificationListener(JobQueue queue, ILogger<JobNotificationListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        queue.ListenAsync(ex => logger.LogWarning(ex, "Lost the job notifications' connection; polling until it is back"), stoppingToken);
}
