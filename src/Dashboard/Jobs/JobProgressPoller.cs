using Insights.Analytics.Jobs;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// Reads the jobs waiting, running or finished in the last ten minutes from the database about once a second (one
/// indexed query for the whole process, whatever the number of open pages) and hands them to the
/// <see cref="JobProgressHub"/>, so pages show jobs run by any worker in any process.
/// </summary>
public sealed class JobProgressPoller(JobQueue queue, JobProgressHub hub, TimeProvider clock, ILogger<JobProgressPoller> logger) : BackgroundService
{
    /// <summary>How long a finished job stays listed, so a page opened just after it ended still shows its outcome.</summary>
    public static readonly TimeSpan FinishedShownFor = TimeSpan.FromMinutes(10);

    /// <summary>At most this many jobs are held: the banner shows a handful, and the cap bounds the memory.</summary>
    public const int MaxJobs = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            do
            {
                try
                {
                    var jobs = await queue.CurrentAsync(clock.GetUtcNow().UtcDateTime - FinishedShownFor, MaxJobs, stoppingToken);
                    hub.PublishFromDatabase(jobs.Select(JobSnapshot.From).ToList());
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A busy or briefly unreachable database: the next tick tries again.
                    logger.LogDebug(ex, "Could not read the jobs' progress");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
