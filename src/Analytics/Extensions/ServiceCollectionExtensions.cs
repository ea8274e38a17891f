using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Extensions;

/// <summary>DI registration for storage, ingestion and popularity analytics.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds the analytics services and binds their options.</summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        return services;
    }
}
