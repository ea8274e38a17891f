using Insights.Analytics.Engagement;
using Insights.Dashboard.Model;

namespace Insights.Dashboard.Components.Pages.Drivers;

/// <summary>Positions of the importance chart in SVG units; values in R² points (percentage points of R²).</summary>
internal sealed record ImportanceGeometry(double Height, double Min, double Max, IReadOnlyList<double> Ticks, IReadOnlyList<ImportanceRow> Rows)
{
    public double PlotLeft => ImportanceBars.LabelWidth;

    public double PlotRight => ImportanceBars.Width - ImportanceBars.ValueWidth;

    public double AxisY => ImportanceBars.Top + Rows.Count * ImportanceBars.RowHeight;

    public double X(double value) => PlotLeft + (value - Min) / (Max - Min) * (PlotRight - PlotLeft);

    public static ImportanceGeometry Of(IReadOnlyList<FeatureImportance> importances)
    {
        var rows = importances.Select((i, k) => new ImportanceRow(
            i.Feature, i.MeanDrop * 100, i.SdDrop * 100,
            ImportanceBars.Top + k * ImportanceBars.RowHeight + ImportanceBars.RowHeight / 2,
            i.MeanDrop - i.SdDrop > 0)).ToList();
        var low = Math.Min(0, rows.Select(r => r.Mean - r.Sd).DefaultIfEmpty(0).Min());
        var high = Math.Max(0, rows.Select(r => r.Mean + r.Sd).DefaultIfEmpty(0).Max());
        if (high - low < 1e-9)
            high = low + 1;
        // The axis spans the data (a little padded), not the round ticks: one feature at 72 points and another at -0.3
        // should not leave a fifth of the chart empty left of zero.
        var pad = (high - low) * 0.02;
        low = low < 0 ? low - pad : low;
        high += pad;
        var ticks = NiceTicks(low, high, 4).Where(t => t >= low - 1e-9 && t <= high + 1e-9).ToList();
        return new ImportanceGeometry(ImportanceBars.Top + rows.Count * ImportanceBars.RowHeight + ImportanceBars.AxisHeight,
            low, high, ticks, rows);
    }

    /// <summary>Round tick values (1, 2 or 5 times a power of ten) covering [low, high] with about <paramref name="count"/> steps.</summary>
    internal static double[] NiceTicks(double low, double high, int count)
    {
        var raw = (high - low) / count;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = power * (raw / power) switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 5 => 5,
            _ => 10,
        };
        var first = Math.Floor(low / step) * step;
        var last = Math.Ceiling(high / step) * step;
        var n = (int)Math.Round((last - first) / step);
        return [.. Enumerable.Range(0, n + 1).Select(k => Math.Round(first + k * step, 10))];
    }
}

/// <summary>One feature's bar: mean and sd of the R² drop in points, the row's centre line, and whether it stands clear of zero.</summary>
internal sealed record ImportanceRow(string Feature, double Mean, double Sd, double Y, bool Clear)
{
    public string Colour => Clear ? ChartStyle.ImageColour : "#9e9e9e";
}
