using Insights.Analytics.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Tests.Caching;

/// <summary>The byte budget holds under many profiles of uneven size, the newest stays, and a new stamp reloads with the old value at hand.</summary>
public sealed class StampedCacheTests
{
    private const long Budget = 1024 * 1024;

    [Fact]
    public async Task ManyProfiles_StayWithinTheBudget_TheLeastRecentlyUsedGo_AndEntriesLargerThanFivePercentAreStillKept()
    {
        var (cache, memory) = New();
        var loads = 0;
        for (var profile = 1; profile <= 200; profile++)
        {
            // 20 KB to 300 KB: most are far above the 5 % MemoryCache alone would make room for.
            var bytes = 20_000 + profile * 7_919 % 280_000;
            await cache.GetAsync<string>(new CacheKey("test", profile), "s1", _ => { loads++; return Task.FromResult($"profile {profile}"); }, _ => bytes);
            Assert.InRange(memory.GetCurrentStatistics()!.CurrentEstimatedSize ?? 0, bytes, Budget);
            Assert.Equal($"profile {profile}", cache.Peek<string>(new CacheKey("test", profile), "s1"));
        }
        Assert.Equal(200, loads);
        Assert.Null(cache.Peek<string>(new CacheKey("test", 1), "s1"));

        // Touching an old entry keeps it over newer ones that were not touched.
        var kept = Enumerable.Range(190, 11).Where(p => cache.Peek<string>(new CacheKey("test", p), "s1") is not null).ToList();
        Assert.True(kept.Count >= 3, string.Join(", ", kept));
        var touched = kept[0];
        for (var profile = 201; profile <= 203; profile++)
        {
            Assert.NotNull(cache.Peek<string>(new CacheKey("test", touched), "s1"));
            await cache.GetAsync<string>(new CacheKey("test", profile), "s1", _ => Task.FromResult("new"), _ => 150_000);
        }
        Assert.NotNull(cache.Peek<string>(new CacheKey("test", touched), "s1"));
        Assert.Null(cache.Peek<string>(new CacheKey("test", kept[1]), "s1"));
    }

    [Fact]
    public async Task ANewStamp_ReloadsWithThePreviousValue_AndConcurrentLookupsShareOneLoad()
    {
        var (cache, _) = New();
        var key = new CacheKey("test", 1);
        var loads = 0;
        var gate = new TaskCompletionSource();
        async Task<string> Load(string? previous)
        {
            Interlocked.Increment(ref loads);
            await gate.Task;
            return (previous ?? "") + "+";
        }
        var first = Enumerable.Range(0, 5).Select(_ => cache.GetAsync<string>(key, "a", Load, _ => 10)).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(first), v => Assert.Equal("+", v));
        Assert.Equal(1, loads);
        Assert.Equal("+", await cache.GetAsync<string>(key, "a", Load, _ => 10));
        Assert.Equal("++", await cache.GetAsync<string>(key, "b", Load, _ => 10));
        Assert.Equal(2, loads);
        Assert.Null(cache.Peek<string>(key, "a"));
    }

    private static (StampedCache Cache, MemoryCache Memory) New()
    {
        var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = Budget, TrackStatistics = true });
        return (new StampedCache(memory, Options.Create(new CacheOptions { BudgetMegabytes = 1 })), memory);
    }
}
