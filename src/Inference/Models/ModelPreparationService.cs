using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Models;

/// <summary>
/// Fetches and converts every model, then builds the int8 forms unless Inference:Precision is Float, in the background at start-up (when
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

        // then the int8 forms (quantised and gated once, about 2 minutes on 2 cores; then read from the cache)
        if (options.Value.Precision == ModelPrecision.Float)
            return;
        foreach (var model in ModelCatalog.All.Where(m => m.Conversion is not null))
        {
            try
            {
                await store.EnsureInt8Async(model.Name, stoppingToken);
            }
            catch (ModelUnavailableException e)
            {
                logger.LogWarning("Model {Model}: no int8 form, float will be served: {Reason}", model.Name, e.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
