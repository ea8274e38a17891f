using Insights.Analytics.Jobs;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// Reads the jobs waiting, running or finished in the last ten minutes from the database about once a second, and at
/// once when another process notifies a change (PostgreSQL), in one indexed query for the whole process whatever the
/// number of open pages, and hands them to the
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
        using var wake = new SemaphoreSlim(0);
        // Another process's notification reads the jobs at once instead of at the next tick (PostgreSQL only).
        void Notified() => wake.Release();
        queue.Changed += Notified;
        Task<bool>? tick = null;
        Task? woken = null;
        try
        {
            while (true)
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
                // The timer allows one pending wait at a time: a wait a notification overtook is kept for the next round.
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                woken ??= wake.WaitAsync(stoppingToken);
                var first = await Task.WhenAny(tick, woken);
                if (first == tick)
                {
                    if (!await tick)
                        return;
                    tick = null;
                }
                else
                {
                    await woken;
                    woken = null;
                    // Notifications that came meanwhile are answered by the one read that follows.
                    while (wake.Wait(0))
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Changed -= Notified;
        }
    }
}
