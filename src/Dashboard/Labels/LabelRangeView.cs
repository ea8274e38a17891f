using Insights.Analytics.Engagement;

namespace Insights.Dashboard.Labels;

/// <summary>
/// What the Labels page needs of one profile's posts in one date range, whatever category, media group or crossing is
/// chosen: the posts, their target, every label column and the bootstrap breakdown. Computing these is the page's whole
/// cost; choosing what to show from them is a pass over one column.
/// </summary>
public sealed record LabelRangeView(IReadOnlyList<EngagementPost> Posts, EngagementTarget Target, IReadOnlyList<LabelColumn> Columns, LabelBreakdown? Breakdown)
{
    /// <summary>The view of the posts whose publish time (UTC) is in the range.</summary>
    public static LabelRangeView Of(IReadOnlyList<EngagementPost> allPosts, Func<DateTime, bool> inRange, EngagementOptions options)
    {
        var posts = allPosts.Where(p => inRange(p.PublishedUtc)).ToArray();
        // Independent, and each a pass over every post: one per core.
        EngagementTarget target = null!;
        IReadOnlyList<LabelColumn> columns = null!;
        Parallel.Invoke(() => target = EngagementTarget.Compute(posts, options), () => columns = LabelCategories.Build(posts, options));
        return new LabelRangeView(posts, target, columns, posts.Length == 0 ? null : LabelBreakdowns.Compute(posts, target, columns, options));
    }

    /// <summary>About what the view holds: each post (its record with automatic labels joined), a label per post and column, the target, and the breakdown's rows.</summary>
    public long EstimatedBytes => 4096 + Posts.Count * (128L + 8L * Columns.Count) + (Breakdown?.Categories.Sum(c => c.Rows.Count) ?? 0) * 96L;
}
