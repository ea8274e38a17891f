using Insights.Analytics.Statistics;

namespace Insights.Analytics.Engagement;

/// <summary>
/// One finding of the drivers model in a form that reads as a sentence: a group of posts the model leans on (one value
/// of a categorical feature, or the top or bottom quarter of a numeric one), how that group did against the profile's
/// typical post (<see cref="Observed"/>: the group's median target over all posts' median, 1.18 = 18% better), and what
/// the model expects of the group all else equal (<see cref="Model"/>: its partial dependence over the average
/// prediction). <see cref="N"/> posts are in the group, of <see cref="Posts"/>. For a numeric feature
/// <see cref="Threshold"/> bounds the quarter: values at or above it when <see cref="Above"/>, at or below otherwise.
/// </summary>
public sealed record DriverSummary(
    string Feature, LabelSource Source, FeatureKind Kind, string? Value, double? Threshold, bool Above,
    int N, int Posts, double Observed, double Model)
{
    /// <summary>Top-or-bottom share of the posts a numeric feature's group takes.</summary>
    public const double QuarterShare = 0.25;

    /// <summary>
    /// Up to <paramref name="count"/> findings, one per feature, following the importance order and only for features
    /// whose importance stands clear of its spread (a noise feature gets no sentence). Within a feature the group whose
    /// partial dependence moves furthest from the average is chosen; groups of fewer than <paramref name="minPosts"/>
    /// posts, "other" and "none", and a value every post has are left out. Empty when the model has no targets.
    /// </summary>
    public static IReadOnlyList<DriverSummary> Top(DriversModel model, IReadOnlyList<PartialDependenceResult> pdps, double meanPrediction, int count = 4, int minPosts = 10)
    {
        var rows = model.Rows;
        if (model.Targets.Length != rows.Length || rows.Length == 0)
            return [];
        var typical = Median(model.Targets.Select(t => (double)t));
        var found = new List<DriverSummary>();
        foreach (var importance in model.Metrics.Importances.Where(i => i.MeanDrop > i.SdDrop))
        {
            var pdp = pdps.FirstOrDefault(p => p.Feature == importance.Feature);
            var spec = model.Layout.Features.FirstOrDefault(f => f.Name == importance.Feature);
            if (pdp is null || spec is null || pdp.Average.Length < 2)
                continue;
            var groups = spec.Kind == FeatureKind.Categorical
                ? CategoricalGroups(spec, pdp, rows, meanPrediction)
                : NumericGroups(spec, pdp, rows, meanPrediction);
            var best = groups.Where(g => g.Members.Length >= minPosts && g.Members.Length < rows.Length)
                .OrderByDescending(g => Math.Abs(Math.Log(g.Model))).FirstOrDefault();
            if (best.Members is null)
                continue;
            var observed = Math.Exp(Median(best.Members.Select(i => (double)model.Targets[i])) - typical);
            found.Add(new DriverSummary(spec.Name, spec.Source, spec.Kind, best.Value, best.Threshold, best.Above, best.Members.Length, rows.Length, observed, best.Model));
            if (found.Count == count)
                break;
        }
        return found;
    }

    private static IEnumerable<Group> CategoricalGroups(FeatureSpec spec, PartialDependenceResult pdp, float[][] rows, double meanPrediction)
    {
        for (var g = 0; g < pdp.GridLabels.Length; g++)
        {
            var value = pdp.GridLabels[g];
            if (value is TopValues.Other or TopValues.None)
                continue;
            var column = spec.Columns[(int)pdp.GridValues[g]];
            var members = Enumerable.Range(0, rows.Length).Where(i => rows[i][column] > 0.5f).ToArray();
            yield return new Group(value, null, false, members, Math.Exp(pdp.Average[g] - meanPrediction));
        }
    }

    // The bottom and top quarters of the posts by value; the model's expectation for a quarter is its grid points' mean.
    private static IEnumerable<Group> NumericGroups(FeatureSpec spec, PartialDependenceResult pdp, float[][] rows, double meanPrediction)
    {
        var column = spec.Columns[0];
        var sorted = rows.Select(r => (double)r[column]).Where(double.IsFinite).Order().ToArray();
        var low = Quantiles.OfSorted(sorted, QuarterShare);
        var high = Quantiles.OfSorted(sorted, 1 - QuarterShare);
        if (!(high > low))
            yield break;
        foreach (var above in new[] { false, true })
        {
            var threshold = above ? high : low;
            var members = Enumerable.Range(0, rows.Length)
                .Where(i => double.IsFinite(rows[i][column]) && (above ? rows[i][column] >= threshold : rows[i][column] <= threshold)).ToArray();
            var grid = Enumerable.Range(0, pdp.GridValues.Length)
                .Where(g => above ? pdp.GridValues[g] >= threshold : pdp.GridValues[g] <= threshold).ToList();
            if (grid.Count == 0)
                grid.Add(above ? pdp.GridValues.Length - 1 : 0);
            yield return new Group(null, threshold, above, members, Math.Exp(grid.Average(g => pdp.Average[g]) - meanPrediction));
        }
    }

    private static double Median(IEnumerable<double> values) => Quantiles.OfSorted(values.Order().ToArray(), 0.5);

    private readonly record struct Group(string? Value, double? Threshold, bool Above, int[] Members, double Model);
}
