using Insights.Analytics.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Tests;

/// <summary>A cache of its own (the default budget), for a store that must read its files or rows again as a fresh process would.</summary>
internal static class TestCaches
{
    public static StampedCache New()
    {
        var options = new CacheOptions();
        return new StampedCache(new MemoryCache(new MemoryCacheOptions { SizeLimit = options.BudgetBytes, TrackStatistics = true }), Options.Create(options));
    }
}
