using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Dashboard.Labels;

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

    /// <summary>What to show of a range's view: the chosen category (else the first), within a media group, crossed with another if asked.</summary>
    public static LabelsModel? Build(LabelRangeView view, string? category, MediaGroup? group, string? crossWith, EngagementOptions options)
    {
        if (view.Breakdown is not { } breakdown)
            return null;
        var posts = view.Posts;
        var chosen = breakdown.Categories.FirstOrDefault(c => c.Category == category) ?? breakdown.Categories[0];
        var rows = chosen.Rows.Where(r => r.Group == group).ToList();

        var column = view.Columns.First(c => c.Category == chosen.Category);
        var target = view.Target.Values;
        var byValue = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Count; i++)
        {
            if ((group is null || posts[i].MediaType.Group() == group) && double.IsFinite(target[i]))
                (byValue.TryGetValue(column.PerPost[i], out var list) ? list : byValue[column.PerPost[i]] = []).Add(target[i]);
        }
        var distributions = chosen.Values.Where(byValue.ContainsKey)
            .Select(value => new ValueDistribution(value, byValue[value], rows.FirstOrDefault(r => r.Value == value)?.Sparse ?? true))
            .ToList();

        var cross = crossWith is not null && crossWith != chosen.Category && breakdown.Categories.Any(c => c.Category == crossWith)
            ? LabelBreakdowns.Cross(view.Target, view.Columns, chosen.Category, crossWith, options)
            : null;
        return new LabelsModel(breakdown, chosen, rows, distributions, cross) { AutomaticPosts = posts.Count(p => p.Automatic is not null) };
    }
}
