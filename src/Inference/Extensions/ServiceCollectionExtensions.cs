using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Inference.Extensions;

/// <summary>DI registration for the model store, decoders and labelers.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the model store, the ONNX Runtime sessions and the start-up model preparation, and binds
    /// <see cref="InferenceOptions"/> from the "Inference" configuration section.
    /// </summary>
    public static IServiceCollection AddInference(this IServiceCollection services, Action<InferenceOptions>? configure = null)
    {
        var builder = services.AddOptions<InferenceOptions>()
            .BindConfiguration(InferenceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
            builder.Configure(configure);
        services.AddSingleton<ModelStore>();
        services.AddSingleton<ModelSessions>();
        services.AddHostedService<ModelPreparationService>();
        return services;
    }
}
