using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Jobs;

namespace Insights.Dashboard.Taxonomy;

/// <summary>
/// The one place that decides when the taxonomy is retrained: at start, and whenever an import or labelling job
/// succeeds, every profile is checked by <see cref="TaxonomyScheduler.EnsureFreshAsync"/> (which queues only stale ones).
/// Accepting a suggestion changes the stamp too; the next check picks it up.
/// </summary>
public sealed class TaxonomyRetrainTrigger(JobProgressHub hub, TaxonomyScheduler scheduler, ProfileCatalog profiles, ILogger<TaxonomyRetrainTrigger> logger) : BackgroundService
{
    private static readonly HashSet<string> DataKinds = [ImportJobHandler.JobKind, DemoImportJobHandler.JobKind, AnnotateJobHandler.JobKind];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var signal = new SemaphoreSlim(0);
        using var subscription = hub.Subscribe(job =>
        {
            if (job.Status == JobStatus.Succeeded && DataKinds.Contains(job.Kind))
                signal.Release();
        });
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    foreach (var profile in await profiles.ListAsync(stoppingToken))
                        await scheduler.EnsureFreshAsync(profile.Id, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not check whether the label taxonomy is fresh");
                }
                await signal.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
