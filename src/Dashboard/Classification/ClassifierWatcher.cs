using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Jobs;

namespace Insights.Dashboard.Classification;

/// <summary>
/// Keeps classifiers fresh: at start, and whenever an annotation or import job of this process succeeds, asks the
/// <see cref="ClassifierScheduler"/> to queue training for every profile whose models are stale.
/// </summary>
public sealed class ClassifierWatcher(JobProgressHub hub, ClassifierScheduler scheduler, ProfileCatalog profiles, ILogger<ClassifierWatcher> logger) : BackgroundService
{
    private static readonly HashSet<string> Triggers = [AnnotateJobHandler.JobKind, ImportJobHandler.JobKind, DemoImportJobHandler.JobKind];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var signal = new SemaphoreSlim(0);
        using var subscription = hub.Subscribe(job =>
        {
            if (job.Status == JobStatus.Succeeded && Triggers.Contains(job.Kind))
                signal.Release();
        });
        try
        {
            // The database is migrated by the startup initializer before hosted services run.
            await CheckAllAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await signal.WaitAsync(stoppingToken);
                await CheckAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var profile in await profiles.ListAsync(cancellationToken))
                await scheduler.EnsureFreshAsync(profile.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not check whether the popularity classifiers are fresh");
        }
    }
}
