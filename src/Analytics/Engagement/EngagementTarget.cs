using Insights.Analytics.Statistics;

namespace Insights.Analytics.Engagement;

/// <summary>
/// The target of a table or model: one rate for all posts (never ER for some and PoR for others, whose
/// levels differ), optionally divided by the rolling median of the same rate over all the profile's posts.
/// Detrending removes the follower-growth drift (PoR of a growing profile falls over the years), which
/// would otherwise leak into every label whose use changed over time. The window spans both media
/// groups, so the video/image difference stays in the target.
/// </summary>
/// <param name="Values">Per post, in the order given; NaN where the post has no such rate.</param>
public sealed record EngagementTarget(TargetMetric Metric, bool Detrended, double[] Values)
{
    public string Describe() => (Metric == TargetMetric.EngagementRate ? "ER" : "PoR") + (Detrended ? " / rolling median" : "");

    public static EngagementTarget Compute(IReadOnlyList<EngagementPost> posts, EngagementOptions options)
    {
        var metric = Choose(posts, options);
        var raw = posts.Select(p => Rate(p, metric) is { } r && double.IsFinite(r) && r > 0 ? r : double.NaN).ToArray();
        if (!options.Detrend) return new EngagementTarget(metric, false, raw);

        var present = InTimeOrder(posts, Enumerable.Range(0, posts.Count).Where(i => !double.IsNaN(raw[i])).ToArray());
        var days = present.Select(i => posts[i].PublishedUtc.Ticks / (double)TimeSpan.TicksPerDay).ToArray();
        var medians = RollingMedian.Compute(days, present.Select(i => raw[i]).ToArray(), options.DetrendWindowWeeks * 7 / 2, options.DetrendMinPosts);
        var values = Enumerable.Repeat(double.NaN, posts.Count).ToArray();
        for (var k = 0; k < present.Length; k++)
            values[present[k]] = raw[present[k]] / medians[k];
        return new EngagementTarget(metric, true, values);
    }

    public static TargetMetric Choose(IReadOnlyList<EngagementPost> posts, EngagementOptions options) => options.Target switch
    {
        TargetChoice.PopularityRate => TargetMetric.PopularityRate,
        TargetChoice.EngagementRate => TargetMetric.EngagementRate,
        _ => posts.Count > 0 && posts.Count(p => p.EngagementRate > 0) >= options.MinEngagementRateShare * posts.Count
            ? TargetMetric.EngagementRate : TargetMetric.PopularityRate,
    };

    // Posts mostly come in time order already; then the (stable) sort is skipped.
    private static int[] InTimeOrder(IReadOnlyList<EngagementPost> posts, int[] indexes)
    {
        for (var k = 1; k < indexes.Length; k++)
            if (posts[indexes[k]].PublishedUtc < posts[indexes[k - 1]].PublishedUtc)
                return [.. indexes.OrderBy(i => posts[i].PublishedUtc)];
        return indexes;
    }

    private static double? Rate(EngagementPost post, TargetMetric metric) =>
        metric == TargetMetric.EngagementRate ? post.EngagementRate : post.PopularityRate;
}
