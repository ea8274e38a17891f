using System.Globalization;
using System.Text;
using Insights.Analytics.Engagement;

namespace Insights.Dashboard.Drivers;

/// <summary>The data behind each Drivers figure as CSV (invariant culture; text that a spreadsheet would run as a formula is quoted with a leading apostrophe).</summary>
public static class DriversCsv
{
    public static string Importance(DriversFigures figures)
    {
        var csv = new StringBuilder("feature,source,r2_drop_mean,r2_drop_sd,repeats\n");
        foreach (var i in figures.Metrics.Importances)
            Row(csv, i.Feature, i.Source.ToString().ToLowerInvariant(), Number(i.MeanDrop), Number(i.SdDrop), i.Drops.Length.ToString(CultureInfo.InvariantCulture));
        return csv.ToString();
    }

    /// <summary>One row per grid point: the PDP as a multiple of the average prediction, then each ICE curve (centred on the PDP).</summary>
    public static string PartialDependence(DriversFigures figures, FeatureFigure feature)
    {
        var pdp = feature.Pdp;
        var csv = new StringBuilder("feature,value,pdp_relative,pdp_log_target," + string.Join(",", pdp.IceRows.Select(r => $"ice_row_{r}")) + "\n");
        var ice = DriversView.CentredIce(figures, pdp);
        for (var g = 0; g < pdp.GridLabels.Length; g++)
            Row(csv, [pdp.Feature, pdp.GridLabels[g], Number(figures.Relative(pdp.Average[g])), Number(pdp.Average[g]), .. ice.Select(curve => Number(curve[g]))]);
        return csv.ToString();
    }

    public static string Pair(DriversFigures figures, PartialDependence2D pair)
    {
        var csv = new StringBuilder($"{Cell(pair.FeatureA)},{Cell(pair.FeatureB)},pdp_relative,pdp_log_target\n");
        for (var a = 0; a < pair.GridA.Length; a++)
            for (var b = 0; b < pair.GridB.Length; b++)
                Row(csv, pair.GridA[a], pair.GridB[b], Number(figures.Relative(pair.Average[a][b])), Number(pair.Average[a][b]));
        return csv.ToString();
    }

    public static string Map(ContentMapFigure map, IReadOnlyDictionary<long, (string PlatformId, double? Rate, string? Class)> posts)
    {
        var csv = new StringBuilder("post_id,x,y,rate,class\n");
        foreach (var p in map.Points)
        {
            var info = posts.GetValueOrDefault(p.PostId);
            Row(csv, info.PlatformId ?? p.PostId.ToString(CultureInfo.InvariantCulture), Number(p.X), Number(p.Y), info.Rate is { } r ? Number(r) : "", info.Class ?? "");
        }
        return csv.ToString();
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static void Row(StringBuilder csv, params string[] cells) => csv.Append(string.Join(",", cells.Select(Cell))).Append('\n');

    private static string Cell(string text)
    {
        if (text.Length > 0 && "=+-@".Contains(text[0]) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
