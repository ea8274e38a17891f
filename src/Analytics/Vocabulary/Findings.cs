using System.Globalization;
using Insights.Analytics.Engagement;

namespace Insights.Analytics.Vocabulary;

/// <summary>
/// Label effects in plain words for the pages and the report's summary: "Posts with one person did 18% better
/// than the profile's typical post, n = 84". Only clear effects are put into words: enough posts, and a 95%
/// interval of the lift that leaves out 1.
/// </summary>
public static class Findings
{
    /// <summary>One sentence for one label value's lift against all posts (1.18 = 18% better).</summary>
    public static string Sentence(string category, LabelValueStats row) =>
        $"{Terms.Subject(category, row.Value)} did {Change(row.Lift)} than the profile's typical post, n = {row.N.ToString("N0", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// One drivers finding as a sentence: "Posts with one person did 18% better than the profile's typical post",
    /// "The top quarter of posts by brightness (0.62 or more) did 9% worse than the profile's typical post".
    /// </summary>
    public static string Sentence(DriverSummary summary) =>
        $"{Subject(summary)} did {Change(summary.Observed)} than the profile's typical post";

    /// <summary>The group of posts a drivers finding is about, as the subject of a sentence.</summary>
    public static string Subject(DriverSummary summary)
    {
        if (summary.Kind == FeatureKind.Categorical)
            return Terms.Subject(summary.Feature, summary.Value ?? "");
        var term = Terms.Of(summary.Feature);
        var threshold = (summary.Threshold ?? double.NaN).ToString(Math.Abs(summary.Threshold ?? 0) >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);
        var unit = term.Unit is "seconds" or "characters" ? " " + term.Unit : "";
        var name = Terms.Lower(term.Name);
        return summary.Above
            ? $"The top quarter of posts by {name} ({threshold}{unit} or more)"
            : $"The bottom quarter of posts by {name} ({threshold}{unit} or less)";
    }

    /// <summary>"18% better", "25% worse", "about the same"; a lift of 2.5 reads "2.5 times as well".</summary>
    public static string Change(double lift)
    {
        if (!double.IsFinite(lift) || lift <= 0)
            return "no measurable amount better or worse";
        if (lift >= 2)
            return $"{lift.ToString("0.0", CultureInfo.InvariantCulture)} times as well";
        var percent = Math.Round((lift - 1) * 100);
        return percent switch
        {
            0 => "about as well",
            > 0 => $"{percent.ToString("0", CultureInfo.InvariantCulture)}% better",
            _ => $"{(-percent).ToString("0", CultureInfo.InvariantCulture)}% worse",
        };
    }

    /// <summary>True when a row's effect is clear: not a sparse group and a lift interval that leaves out 1.</summary>
    public static bool IsClear(LabelValueStats row) =>
        !row.Sparse && double.IsFinite(row.LiftLow) && double.IsFinite(row.LiftHigh) && (row.LiftLow > 1 || row.LiftHigh < 1);

    /// <summary>
    /// The clearest effects over all media (strongest first, by how far the lift is from 1 on a log scale), as
    /// (category, row) pairs; categories in <paramref name="leaveOut"/> are skipped.
    /// </summary>
    public static IReadOnlyList<(CategoryBreakdown Category, LabelValueStats Row)> Clearest(LabelBreakdown labels, int count, IReadOnlySet<string>? leaveOut = null) =>
        labels.Categories.Where(c => leaveOut?.Contains(c.Category) != true)
            .SelectMany(c => c.Rows.Where(r => r.Group is null && IsClear(r)).Select(r => (Category: c, Row: r)))
            .OrderByDescending(x => Math.Abs(Math.Log(x.Row.Lift)))
            .Take(count)
            .ToList();
}
