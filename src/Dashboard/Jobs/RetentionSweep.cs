using Insights.Analytics.Storage;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Jobs;

/// <summary>Runs <see cref="StorageRetention.SweepAsync"/> at start and then every Retention:SweepMinutes, where jobs run.</summary>
public sealed class RetentionSweep(StorageRetention retention, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.SweepMinutes), clock);
        try
        {
            do
            {
                try
                {
                    var deleted = await retention.SweepAsync(stoppingToken);
                    if (deleted > 0)
                        logger.LogInformation("Retention sweep deleted {Count} stored file(s) or folder(s)", deleted);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The retention sweep failed; it runs again in {Minutes} min", options.Value.SweepMinutes);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
