using Insights.Analytics.Engagement;
using Microsoft.Extensions.Caching.Memory;

namespace Insights.Dashboard.Labels;

/// <summary>
/// The Labels page's bootstrap breakdowns (thousands of resamples per value), computed once per profile stamp, date
/// range and engagement options instead of on every render. Bounded: at most <see cref="MaxEntries"/> breakdowns,
/// the least recently used evicted first; keys hold only ids, the stamp and parsed dates, never text from the URL.
/// </summary>
public sealed class LabelBreakdownCache : IDisposable
{
    /// <summary>Breakdowns kept: a few per recently viewed profile and range.</summary>
    public const int MaxEntries = 64;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>How many breakdowns are held now.</summary>
    public int Count => _cache.Count;

    /// <summary>The breakdown of these posts, computed on the first call for the key and then shared.</summary>
    /// <param name="profileId">The profile.</param>
    /// <param name="stamp">The profile's stamp (data, labels, custom labels): any change makes a new key.</param>
    /// <param name="from">First day of the range, or null.</param>
    /// <param name="to">Last day of the range, or null.</param>
    /// <param name="posts">The posts of the range (used on a miss only).</param>
    /// <param name="options">The engagement options the breakdown is computed with (part of the key).</param>
    public LabelBreakdown GetOrCompute(int profileId, string stamp, DateOnly? from, DateOnly? to, IReadOnlyList<EngagementPost> posts, EngagementOptions options)
    {
        var key = (profileId, stamp, from, to, options);
        return _cache.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            return LabelBreakdowns.Compute(posts, options);
        })!;
    }

    public void Dispose() => _cache.Dispose();
}
