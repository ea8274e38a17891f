using System.Globalization;
using Insights.Analytics.Engagement;
using Insights.Analytics.Vocabulary;

namespace Insights.Dashboard.Drivers;

/// <summary>How the drivers figures are put in words and relative units, shared by the page, the API and the CSV files.</summary>
public static class DriversView
{
    /// <summary>
    /// ICE curves as multiples of the average prediction, each shifted so its mean over the grid equals the PDP's
    /// (centred ICE): the spread of the lines then shows how differently posts respond, not how different they are.
    /// </summary>
    public static double[][] CentredIce(DriversFigures figures, PartialDependenceResult pdp)
    {
        if (pdp.Average.Length == 0) return [];
        var pdpMean = pdp.Average.Average();
        return pdp.Ice.Select(curve =>
        {
            var shift = pdpMean - curve.Average();
            return curve.Select(v => figures.Relative(v + shift)).ToArray();
        }).ToArray();
    }

    public static double[] RelativePdp(DriversFigures figures, PartialDependenceResult pdp) => pdp.Average.Select(figures.Relative).ToArray();

    /// <summary>"ER" or "Popularity Rate" with how it was detrended, for sentences.</summary>
    public static string TargetWords(DriversMetrics metrics) =>
        (metrics.Metric == TargetMetric.EngagementRate ? "engagement rate" : "popularity rate")
        + (metrics.Detrended ? " (relative to the posts around it in time)" : "");

    public static string Percent(double value) => double.IsFinite(value) ? (value * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>×1.25 as "+25%", ×0.8 as "−20%".</summary>
    public static string Effect(double relative) =>
        !double.IsFinite(relative) ? "–" : (relative >= 1 ? "+" : "−") + Math.Abs((relative - 1) * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The n and the comparison under a summary tile, with what the model expects all else equal.</summary>
    public static string SummaryNote(DriverSummary summary, DriversMetrics metrics) =>
        $"n = {summary.N.ToString("N0", CultureInfo.InvariantCulture)} of {summary.Posts.ToString("N0", CultureInfo.InvariantCulture)} posts; " +
        $"compared by the median {TargetWords(metrics)} against all {summary.Posts.ToString("N0", CultureInfo.InvariantCulture)}. " +
        $"With everything else about a post unchanged, the model expects such posts to do {Findings.Change(summary.Model)}.";

    public static string CrossValidatedSentence(DriversMetrics m) =>
        $"The model explains {Percent(m.CrossValidatedR2)} of the variation in {TargetWords(m)} on posts it did not see ({m.Folds}-fold cross-validation, ±{Percent(m.CrossValidatedR2FoldSd)} across folds, n = {m.Posts:N0}); " +
        $"a model that always guesses the average explains {Percent(Math.Max(0, m.BaselineR2))}.";

    public static string TimeOrderedSentence(DriversMetrics m) => m.TimeOrderedR2 is { } r2
        ? $"Trained on the {m.TrainPosts:N0} posts before {m.HoldoutFromUtc:d MMM yyyy} and tested on the {m.TestPosts:N0} after, it explains {Percent(r2)} " +
          $"(the past average: {Percent(Math.Max(0, m.TimeOrderedBaselineR2 ?? double.NaN))}). This is how well it predicts new posts."
        : $"Not enough posts on both sides of {m.HoldoutFromUtc:d MMM yyyy} for a time-ordered check ({m.TrainPosts:N0} before, {m.TestPosts:N0} after; 30 each needed).";
}
