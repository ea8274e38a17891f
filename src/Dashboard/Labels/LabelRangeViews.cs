using System.Globalization;
using Insights.Analytics.Caching;
using Insights.Analytics.Engagement;
using Insights.Dashboard.Model;

namespace Insights.Dashboard.Labels;

/// <summary>
/// The Labels page's <see cref="LabelRangeView"/>s, computed once per profile stamp (data, labels, custom labels, zone),
/// date range and engagement options, in the app's size-limited cache: a visit, a reload or another analyst on the same
/// range reuses it, and the prerender and the live render of one visit share one computation. A few ranges per
/// profile are kept at once; the key holds the profile id and a small number, the exact range is in the stamp.
/// </summary>
public sealed class LabelRangeViews(StampedCache cache, PostLabelSource labels, EngagementService engagement)
{
    private const string Area = "label-range";

    /// <summary>How many ranges of one profile can be held at once.</summary>
    public const int RangesPerProfile = 4;

    /// <summary>The view of the filter's profile and range, computed on a miss from the posts and their automatic labels.</summary>
    public async Task<LabelRangeView> GetAsync(DashboardFilter filter, string stamp, EngagementOptions options, CancellationToken cancellationToken = default)
    {
        var profileId = filter.Profile!.Id;
        var key = CacheKey.Slot(Area, profileId, RangesPerProfile, HashCode.Combine(filter.From, filter.To));
        var exact = string.Create(CultureInfo.InvariantCulture, $"{stamp}|{filter.From:yyyy-MM-dd}|{filter.To:yyyy-MM-dd}|{options.GetHashCode()}");
        // Not cancelled by one caller: a visit that leaves does not waste the work another is waiting on.
        return await cache.GetAsync<LabelRangeView>(key, exact, async _ =>
        {
            var automatic = await labels.AutomaticLabelsAsync(profileId, CancellationToken.None);
            var posts = await engagement.LoadPostsAsync(profileId, automatic, CancellationToken.None);
            return await Task.Run(() => LabelRangeView.Of(posts, filter.Contains, options));
        }, view => view.EstimatedBytes).WaitAsync(cancellationToken);
    }
}
