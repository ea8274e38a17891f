using System.Globalization;
using Insights.Analytics.Engagement;
using Insights.Dashboard.Drivers;

namespace Insights.Dashboard.Prediction;

/// <summary>
/// What the drivers model says of a draft's measurable features (brightness, text area, faces...): for each one the
/// model finds important (permutation importance clear of zero), the partial dependence read at the draft's value and
/// at the feature's best grid value, as multiples of the average post. Associations in the profile's history, not proof.
/// </summary>
public static class FeatureAdvice
{
    /// <summary>Below this ratio of best to here, the draft is "near the best range" rather than given a target.</summary>
    public const double MinimumGain = 1.05;

    public static IReadOnlyList<FeatureHint> For(DriversFigures figures, IReadOnlyDictionary<string, double> numbers, int max)
    {
        var hints = new List<FeatureHint>();
        foreach (var importance in figures.Metrics.Importances.Where(i => i.MeanDrop - i.SdDrop > 0))
        {
            if (!numbers.TryGetValue(importance.Feature, out var value) || !double.IsFinite(value))
                continue;
            if (figures.Feature(importance.Feature)?.Pdp is not { Kind: FeatureKind.Numeric } pdp || pdp.GridValues.Length < 2)
                continue;
            var relative = DriversView.RelativePdp(figures, pdp);
            var here = Interpolate(pdp.GridValues, relative, value);
            var best = Array.IndexOf(relative, relative.Max());
            var outside = value < pdp.GridValues[0] || value > pdp.GridValues[^1];
            hints.Add(new FeatureHint(importance.Feature, value, here, pdp.GridValues[best], relative[best], outside,
                Sentence(importance.Feature, value, here, pdp.GridValues[best], relative[best], outside)));
        }
        return [.. hints.OrderByDescending(h => h.BestPredicted / h.Predicted).Take(max)];
    }

    /// <summary>Linear interpolation of y over ascending x (ties allowed, as quantile grids have), held flat beyond the ends.</summary>
    internal static double Interpolate(double[] x, double[] y, double value)
    {
        if (value <= x[0])
            return y[0];
        if (value >= x[^1])
            return y[^1];
        for (var i = 0; i < x.Length - 1; i++)
        {
            if (value > x[i + 1] || x[i + 1] <= x[i])
                continue;
            return y[i] + (y[i + 1] - y[i]) * (value - x[i]) / (x[i + 1] - x[i]);
        }
        return y[^1];
    }

    private static string Sentence(string feature, double value, double here, double bestValue, double best, bool outside)
    {
        var name = char.ToUpperInvariant(feature[0]) + feature[1..].Replace('_', ' ');
        var beyond = outside ? " (beyond the range of past posts: read at the nearest end)" : "";
        return best / here >= MinimumGain
            ? $"{name}: this draft {Format(feature, value)}, where the drivers model predicts ×{Times(here)} of the average post{beyond}; posts around {Format(feature, bestValue)} are predicted ×{Times(best)}."
            : $"{name}: this draft {Format(feature, value)} is near the best range on this profile (predicted ×{Times(here)} of the average post){beyond}.";
    }

    private static string Times(double relative) => relative.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A feature's value in the words of its unit: text area as a share of the picture, faces as a count.</summary>
    internal static string Format(string feature, double value) => feature switch
    {
        "text_area" => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "% of the picture in text",
        "faces" => Math.Round(value).ToString("0", CultureInfo.InvariantCulture) + (Math.Round(value) == 1 ? " face" : " faces"),
        "aspect_ratio" => value.ToString("0.00", CultureInfo.InvariantCulture) + " (width / height)",
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}

/// <summary>One measurable feature of a draft as the drivers model sees it: here and at its best grid value, × the average post.</summary>
public sealed record FeatureHint(string Feature, double Value, double Predicted, double BestValue, double BestPredicted, bool OutsideRange, string Text);
