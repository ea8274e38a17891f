using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Caching;

/// <summary>
/// Derived data of a profile held in the app's size-limited memory cache, keyed by what it is and whose it is and
/// stamped with the database versions it was computed from. A lookup with another stamp refreshes the entry (the
/// loader gets the old value, so it can read only what changed); concurrent lookups share one load. Keys hold only a
/// constant area name and numbers, never user input.
/// </summary>
public sealed class StampedCache(IMemoryCache cache, IOptions<CacheOptions> options)
{
    private readonly ConcurrentDictionary<(CacheKey, string), Lazy<Task<object>>> _loading = new();

    /// <summary>The value of <paramref name="key"/> computed from <paramref name="stamp"/>, loaded when missing or stale.</summary>
    /// <param name="load">Computes the value; gets the cached value of an older stamp, if any.</param>
    /// <param name="bytes">An estimate of the value's size in memory, charged against the budget.</param>
    public async Task<T> GetAsync<T>(CacheKey key, string stamp, Func<T?, Task<T>> load, Func<T, long> bytes) where T : class
    {
        var previous = cache.Get<Stamped<T>>(key);
        if (previous is not null && previous.Stamp == stamp)
            return previous.Value;
        var loading = _loading.GetOrAdd((key, stamp), _ => new Lazy<Task<object>>(async () =>
        {
            var value = await load(previous?.Value);
            Put(key, new Stamped<T>(stamp, value), bytes(value));
            return value;
        }));
        try
        {
            return (T)await loading.Value;
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<(CacheKey, string), Lazy<Task<object>>>((key, stamp), loading));
        }
    }

    /// <summary>The synchronous form of <see cref="GetAsync"/>, for values read from a small file (no shared load); null values are not kept.</summary>
    public T? GetOrRead<T>(CacheKey key, string stamp, Func<T?> read, Func<T, long> bytes) where T : class
    {
        if (Peek<T>(key, stamp) is { } hit)
            return hit;
        var value = read();
        if (value is not null)
            Put(key, new Stamped<T>(stamp, value), bytes(value));
        return value;
    }

    /// <summary>Puts a value computed elsewhere (a model just trained) in the cache.</summary>
    public void Set<T>(CacheKey key, string stamp, T value, long bytes) where T : class => Put(key, new Stamped<T>(stamp, value), bytes);

    /// <summary>The cached value of <paramref name="key"/> if it was computed from <paramref name="stamp"/>.</summary>
    public T? Peek<T>(CacheKey key, string stamp) where T : class =>
        cache.Get<Stamped<T>>(key) is { } hit && hit.Stamp == stamp ? hit.Value : null;

    public void Remove(CacheKey key) => cache.Remove(key);

    /// <summary>
    /// Makes room first: MemoryCache refuses an entry that does not fit and then only compacts to 95 % of its limit, so
    /// an entry larger than 5 % of the budget would never be cached. Compact takes a share of the entry count, not of
    /// the bytes, so it is asked for at least one entry at a time until the new one fits; the least recently used go.
    /// </summary>
    private void Put(CacheKey key, object value, long bytes)
    {
        bytes = Math.Max(1, bytes);
        var limit = options.Value.BudgetBytes;
        if (cache is MemoryCache memory && bytes <= limit)
        {
            for (var round = 0; round < 64 && memory.Count > 0 && memory.GetCurrentStatistics() is { CurrentEstimatedSize: > 0 and var current } && current + bytes > limit; round++)
            {
                var count = memory.Count;
                var share = Math.Max((double)(current + bytes - limit) / current, 1.0 / count);
                memory.Compact(Math.Min(1.0, share + 0.5 / count));
            }
        }
        cache.Set(key, value, new MemoryCacheEntryOptions { Size = bytes });
    }

    private sealed record Stamped<T>(string Stamp, T Value);
}

/// <summary>What a cached value is (a constant name), whose (a profile id) and which variant (e.g. the number of classes).</summary>
public readonly record struct CacheKey(string Area, int ProfileId, int Variant = 0)
{
    /// <summary>
    /// One of <paramref name="slots"/> keys of a profile's area, picked by the hash of what varies with the URL (a date
    /// range, a minimum): the key count stays bounded whatever is asked. The caller puts the exact values in the stamp,
    /// so two requests that share a slot only miss.
    /// </summary>
    public static CacheKey Slot(string area, int profileId, int slots, int hash) => new(area, profileId, (int)((uint)hash % (uint)slots));
}
