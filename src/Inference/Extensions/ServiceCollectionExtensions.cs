using Microsoft.Extensions.DependencyInjection;

namespace Insights.Inference.Extensions;

/// <summary>DI registration for the model store, decoders and labelers.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds the inference services and binds their options.</summary>
    public static IServiceCollection AddInference(this IServiceCollection services)
    {
        return services;
    }
}
