using Insights.Analytics.Engagement;

namespace Insights.Analytics.Compare;

/// <summary>One label value's lift in one profile (all media groups): n, lift and its interval.</summary>
public sealed record LiftCell(int N, double Lift, double Low, double High, bool Sparse)
{
    /// <summary>The interval lies above 1: posts with the label did better than the profile's median.</summary>
    public bool Helps => Low > 1;

    /// <summary>The interval lies below 1.</summary>
    public bool Hurts => High < 1;
}

/// <summary>A label value across the compared profiles, in their order (null where a profile lacks it).</summary>
/// <param name="Opposite">It helps on one profile and hurts on another, both beyond their intervals.</param>
public sealed record LabelLiftRow(string Category, string Value, IReadOnlyList<LiftCell?> Cells, bool Opposite);

/// <summary>Lines up the same labels of several profiles.</summary>
public static class LabelLiftComparison
{
    /// <summary>
    /// Label values present in at least two profiles: those that help on one and hurt on another
    /// first, then by how far apart their lifts are.
    /// </summary>
    public static IReadOnlyList<LabelLiftRow> Compare(IReadOnlyList<LabelBreakdown> breakdowns, int maxRows = 60)
    {
        var cells = new Dictionary<(string Category, string Value), LiftCell?[]>();
        for (var p = 0; p < breakdowns.Count; p++)
        {
            foreach (var category in breakdowns[p].Categories)
            {
                foreach (var row in category.Rows.Where(r => r.Group is null))
                {
                    if (!cells.TryGetValue((category.Category, row.Value), out var line))
                        cells[(category.Category, row.Value)] = line = new LiftCell?[breakdowns.Count];
                    line[p] = new LiftCell(row.N, row.Lift, row.LiftLow, row.LiftHigh, row.Sparse);
                }
            }
        }
        return cells.Where(c => c.Value.Count(v => v is not null) >= 2)
            .Select(c => new LabelLiftRow(c.Key.Category, c.Key.Value, c.Value,
                c.Value.Any(v => v is { Helps: true }) && c.Value.Any(v => v is { Hurts: true })))
            .OrderByDescending(r => r.Opposite)
            .ThenByDescending(r => Spread(r.Cells))
            .ThenBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal)
            .Take(maxRows)
            .ToList();
    }

    private static double Spread(IReadOnlyList<LiftCell?> cells)
    {
        var lifts = cells.Where(c => c is not null && double.IsFinite(c.Lift)).Select(c => Math.Log(Math.Max(c!.Lift, 1e-6))).ToList();
        return lifts.Count < 2 ? 0 : lifts.Max() - lifts.Min();
    }
}
