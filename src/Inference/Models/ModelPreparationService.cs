using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Models;

/// <summary>
/// Fetches and converts every model in the background at start-up (when
/// <see cref="InferenceOptions.PrepareOnStart"/>), so the app starts at once and, where fetching is
/// impossible, logs what is missing instead of failing.
/// </summary>
internal sealed class ModelPreparationService(ModelStore store, IOptions<InferenceOptions> options, ILogger<ModelPreparationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PrepareOnStart)
            return;
        await Task.Yield();
        foreach (var model in ModelCatalog.All)
        {
            try
            {
                await store.EnsureAsync(model.Name, stoppingToken);
            }
            catch (ModelUnavailableException e)
            {
                logger.LogWarning("Model {Model} is unavailable: {Reason}", model.Name, e.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
