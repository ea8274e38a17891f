using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;

namespace Insights.Dashboard.Model;

/// <summary>The target values of the posts with one label value, for a box plot.</summary>
public sealed record ValueDistribution(string Value, IReadOnlyList<double> Values, bool Sparse);

/// <summary>What the Labels page shows for one category and media group: per-value stats, distributions, and an optional crossing.</summary>
public sealed record LabelsModel(
    LabelBreakdown Breakdown,
    CategoryBreakdown Category,
    IReadOnlyList<LabelValueStats> Rows,
    IReadOnlyList<ValueDistribution> Distributions,
    CrossTable? Cross)
{
    /// <summary>Posts in the range that have automatic labels (the vision models may still be labelling the rest).</summary>
    public int AutomaticPosts { get; init; }

    /// <summary>The categories that come from the vision models.</summary>
    public IReadOnlyList<string> AutomaticCategories => Breakdown.Categories.Where(c => c.Source == LabelSource.Automatic).Select(c => c.Category).ToList();

    /// <param name="breakdownOf">Where the breakdown of the range's posts comes from (a cache); computed here when null.</param>
    public static LabelsModel? Build(IReadOnlyList<EngagementPost> allPosts, DashboardFilter filter, string? category, MediaGroup? group, string? crossWith, EngagementOptions options,
        Func<IReadOnlyList<EngagementPost>, LabelBreakdown>? breakdownOf = null)
    {
        var posts = allPosts.Where(p => filter.Contains(p.PublishedUtc)).ToList();
        if (posts.Count == 0)
            return null;
        var breakdown = breakdownOf?.Invoke(posts) ?? LabelBreakdowns.Compute(posts, options);
        var chosen = breakdown.Categories.FirstOrDefault(c => c.Category == category) ?? breakdown.Categories[0];
        var rows = chosen.Rows.Where(r => r.Group == group).ToList();

        var column = LabelCategories.Build(posts, options).First(c => c.Category == chosen.Category);
        var target = EngagementTarget.Compute(posts, options).Values;
        var distributions = chosen.Values.Select(value =>
        {
            var values = Enumerable.Range(0, posts.Count)
                .Where(i => column.PerPost[i] == value && (group is null || posts[i].MediaType.Group() == group) && double.IsFinite(target[i]))
                .Select(i => target[i]).ToList();
            var sparse = rows.FirstOrDefault(r => r.Value == value)?.Sparse ?? true;
            return new ValueDistribution(value, values, sparse);
        }).Where(d => d.Values.Count > 0).ToList();

        var cross = crossWith is not null && crossWith != chosen.Category && breakdown.Categories.Any(c => c.Category == crossWith)
            ? LabelBreakdowns.Cross(posts, chosen.Category, crossWith, options)
            : null;
        return new LabelsModel(breakdown, chosen, rows, distributions, cross) { AutomaticPosts = posts.Count(p => p.Automatic is not null) };
    }
}
