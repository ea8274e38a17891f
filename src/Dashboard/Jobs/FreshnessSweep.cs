using Insights.Analytics.Jobs;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// Asks the <see cref="FreshnessService"/> about every profile at start and then every few minutes (Jobs:SweepMinutes),
/// so work that no event announced (media left unlabelled by a stop, a new labeler version, data written by another
/// process that died before it could ask) is queued anyway.
/// </summary>
public sealed class FreshnessSweep(FreshnessService freshness, IOptions<JobOptions> options, TimeProvider clock, ILogger<FreshnessSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.SweepMinutes), clock);
        try
        {
            // The database is migrated by the startup initializer before hosted services run.
            do
            {
                try
                {
                    await freshness.SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The freshness sweep failed; it runs again in {Minutes} min", options.Value.SweepMinutes);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
