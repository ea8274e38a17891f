using Insights.Analytics.Domain;
using Insights.Analytics.Statistics;

namespace Insights.Analytics.Engagement;

/// <summary>
/// The target by one label value within one media group (null = all posts).
/// Lift = median of the group's target / median of all posts of the same media group; its interval is
/// the bootstrap interval of the median divided by that reference median (the reference, over many more
/// posts, is taken as fixed).
/// </summary>
public sealed record LabelValueStats(
    string Value, MediaGroup? Group, int N, double Median, double MedianLow, double MedianHigh,
    double Lift, double LiftLow, double LiftHigh, bool Sparse);

public sealed record CategoryBreakdown(string Category, LabelSource Source, IReadOnlyList<string> Values, IReadOnlyList<LabelValueStats> Rows);

/// <summary>Engagement by label for a profile. <see cref="Target"/> says which rate the medians are of.</summary>
public sealed record LabelBreakdown(
    TargetMetric Metric, bool Detrended, string Target, int Posts, IReadOnlyDictionary<string, double> ReferenceMedians,
    int Resamples, IReadOnlyList<CategoryBreakdown> Categories)
{
    public CategoryBreakdown this[string category] => Categories.First(c => c.Category == category);
}

/// <summary>Two label categories crossed: median lift and n per cell (all media groups).</summary>
public sealed record CrossTable(string RowCategory, string ColumnCategory, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns,
    int[][] N, double[][] Lift, bool[][] Sparse, string Target);

/// <summary>Computes by-label medians, bootstrap intervals and lifts. Pure; seeded.</summary>
public static class LabelBreakdowns
{
    private static readonly MediaGroup?[] Groups = [null, MediaGroup.Images, MediaGroup.Videos];

    public static LabelBreakdown Compute(IReadOnlyList<EngagementPost> posts, EngagementOptions options) =>
        Compute(posts, EngagementTarget.Compute(posts, options), LabelCategories.Build(posts, options), options);

    /// <summary>The breakdown from the posts' target and label columns computed by the caller (who keeps them for more views).</summary>
    public static LabelBreakdown Compute(IReadOnlyList<EngagementPost> posts, EngagementTarget target, IReadOnlyList<LabelColumn> columns, EngagementOptions options)
    {
        var random = new Random(options.Seed);
        var samples = new SortedLabelSamples(target.Values, posts);
        var references = new Dictionary<string, double>();
        foreach (var group in Groups)
            references[GroupName(group)] = Descriptive.MedianOfSorted(samples.OfGroup(group));

        var categories = new List<CategoryBreakdown>(columns.Count);
        // The split is most of the work at a million posts; a few columns are split at once, one per core (at most four:
        // each split holds its posts' targets twice), then resampled in column order, so the seeded resamples are the
        // same however many cores there are.
        var batch = Math.Clamp(Environment.ProcessorCount, 1, 4);
        for (var start = 0; start < columns.Count; start += batch)
        {
            var splits = new double[Math.Min(batch, columns.Count - start)][][][];
            Parallel.For(0, splits.Length, i => splits[i] = samples.Split(columns[start + i].PerPost, columns[start + i].Values));
            for (var i = 0; i < splits.Length; i++)
                categories.Add(Resampled(columns[start + i], splits[i], references, random, options));
        }
        return new LabelBreakdown(target.Metric, target.Detrended, target.Describe(), samples.Count, references, options.BootstrapResamples, categories);
    }

    private static CategoryBreakdown Resampled(LabelColumn column, double[][][] split, Dictionary<string, double> references, Random random, EngagementOptions options)
    {
        var rows = new List<LabelValueStats>();
        for (var g = 0; g < Groups.Length; g++)
        {
            var group = Groups[g];
            var reference = references[GroupName(group)];
            for (var v = 0; v < column.Values.Count; v++)
            {
                var sorted = split[GroupSlot(group)][v];
                if (sorted.Length == 0) continue;
                var median = Quantiles.OfSorted(sorted, 0.5);
                var (low, high) = Bootstrap.MedianInterval(sorted, options.BootstrapResamples, random, options.IntervalLevel);
                rows.Add(new LabelValueStats(column.Values[v], group, sorted.Length, median, low, high,
                    median / reference, low / reference, high / reference, sorted.Length < options.SparseBelow));
            }
        }
        return new CategoryBreakdown(column.Category, column.Source, column.Values, rows);
    }

    public static CrossTable Cross(IReadOnlyList<EngagementPost> posts, string rowCategory, string columnCategory, EngagementOptions options) =>
        Cross(EngagementTarget.Compute(posts, options), LabelCategories.Build(posts, options), rowCategory, columnCategory, options);

    /// <summary>Two categories crossed, from the target and label columns computed by the caller.</summary>
    public static CrossTable Cross(EngagementTarget target, IReadOnlyList<LabelColumn> columns, string rowCategory, string columnCategory, EngagementOptions options)
    {
        var a = columns.FirstOrDefault(c => c.Category == rowCategory) ?? throw new ArgumentException($"No label category '{rowCategory}'.", nameof(rowCategory));
        var b = columns.FirstOrDefault(c => c.Category == columnCategory) ?? throw new ArgumentException($"No label category '{columnCategory}'.", nameof(columnCategory));
        var present = Enumerable.Range(0, target.Values.Length).Where(i => !double.IsNaN(target.Values[i])).ToArray();
        var reference = Descriptive.Median(present.Select(i => target.Values[i]));
        var rowIndex = a.Values.Select((v, k) => (v, k)).ToDictionary(t => t.v, t => t.k, StringComparer.Ordinal);
        var colIndex = b.Values.Select((v, k) => (v, k)).ToDictionary(t => t.v, t => t.k, StringComparer.Ordinal);
        var cells = new List<double>[a.Values.Count, b.Values.Count];
        foreach (var i in present)
        {
            var r = rowIndex[a.PerPost[i]];
            var c = colIndex[b.PerPost[i]];
            (cells[r, c] ??= []).Add(target.Values[i]);
        }
        var n = new int[a.Values.Count][];
        var lift = new double[a.Values.Count][];
        var sparse = new bool[a.Values.Count][];
        for (var r = 0; r < a.Values.Count; r++)
        {
            n[r] = new int[b.Values.Count];
            lift[r] = new double[b.Values.Count];
            sparse[r] = new bool[b.Values.Count];
            for (var c = 0; c < b.Values.Count; c++)
            {
                var values = cells[r, c];
                n[r][c] = values?.Count ?? 0;
                lift[r][c] = values is null ? double.NaN : Descriptive.Median(values) / reference;
                sparse[r][c] = n[r][c] < options.SparseBelow;
            }
        }
        return new CrossTable(rowCategory, columnCategory, a.Values, b.Values, n, lift, sparse, target.Describe());
    }

    public static string GroupName(MediaGroup? group) => group?.ToString().ToLowerInvariant() ?? "all";

    // The slot of SortedLabelSamples.Split: 0 all posts, then 1 + the media group.
    private static int GroupSlot(MediaGroup? group) => group is null ? 0 : 1 + (int)group;
}
