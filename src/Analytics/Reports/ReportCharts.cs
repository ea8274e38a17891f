using System.Globalization;
using Insights.Analytics.Engagement;
using Insights.Analytics.Vocabulary;
using ScottPlot;

namespace Insights.Analytics.Reports;

/// <summary>The report's charts, drawn with ScottPlot (rendered as vectors into the PDF).</summary>
internal static class ReportCharts
{
    /// <summary>PoR of every post over time (log scale), coloured by its popularity class, with the monthly median.</summary>
    public static Plot PopularityOverTime(ReportContent content)
    {
        var plot = New();
        var posts = content.Posts.Where(p => p.PopularityRate > 0).ToList();
        var classes = content.ClassNames.Count;
        for (var c = -1; c < classes; c++)
        {
            var members = posts.Where(p => (p.Class ?? -1) == c).ToList();
            if (members.Count == 0)
                continue;
            var scatter = plot.Add.ScatterPoints(members.Select(p => p.PublishedUtc.ToOADate()).ToArray(), members.Select(p => Math.Log10(p.PopularityRate!.Value)).ToArray());
            scatter.MarkerSize = posts.Count > 2000 ? 2 : 4;
            scatter.Color = c < 0 ? Colors.Gray.WithAlpha(0.5) : ReportPalette.ToPlot(ReportPalette.Class(c, classes), 170);
            scatter.LegendText = c < 0 ? "no class" : $"{Terms.Humanise(content.ClassNames[c])} (n = {members.Count:N0})";
        }
        var months = posts.GroupBy(p => new DateTime(p.PublishedUtc.Year, p.PublishedUtc.Month, 15, 0, 0, 0, DateTimeKind.Utc)).OrderBy(g => g.Key)
            .Where(g => g.Count() >= 3).ToList();
        if (months.Count > 1)
        {
            var line = plot.Add.Scatter(months.Select(g => g.Key.ToOADate()).ToArray(),
                months.Select(g => Math.Log10(Statistics.Descriptive.Median(g.Select(p => p.PopularityRate!.Value)))).ToArray());
            line.Color = Colors.Black;
            line.LineWidth = 1.6f;
            line.MarkerSize = 0;
            line.LegendText = "monthly median";
        }
        var dates = plot.Axes.DateTimeTicksBottom();
        ((ScottPlot.TickGenerators.DateTimeAutomatic)dates.TickGenerator).LabelFormatter = d => d.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        if (posts.Count > 1)
        {
            // The axis spans the posts alone, so no tick label sits past the chart's right edge.
            plot.Axes.AutoScale();
            plot.Axes.SetLimitsX(posts.Min(p => p.PublishedUtc).ToOADate() - 1, posts.Max(p => p.PublishedUtc).ToOADate() + 0.5);
        }
        if (posts.Count > 0)
        {
            // 1-2-5 ticks on the log axis, labelled as percentages.
            var low = Math.Log10(posts.Min(p => p.PopularityRate!.Value));
            var high = Math.Log10(posts.Max(p => p.PopularityRate!.Value));
            var ticks = Enumerable.Range((int)Math.Floor(low) - 1, (int)Math.Ceiling(high) - (int)Math.Floor(low) + 2)
                .SelectMany(e => new[] { 1.0, 2, 5 }.Select(m => Math.Log10(m * Math.Pow(10, e))))
                .Where(t => t >= low - 0.05 && t <= high + 0.05).ToArray();
            if (ticks.Length >= 2)
                plot.Axes.Left.SetTicks(ticks, ticks.Select(t => Percent(Math.Pow(10, t))).ToArray());
        }
        plot.YLabel("Popularity Rate (log scale)");
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>Permutation importance of the top features, as horizontal bars with their spread.</summary>
    public static Plot Importance(ReportDrivers drivers, int count)
    {
        var plot = New();
        var top = drivers.AllImportances.Take(count).Reverse().ToList();
        for (var i = 0; i < top.Count; i++)
        {
            var bar = plot.Add.Bar(new Bar
            {
                Position = i,
                Value = Math.Max(0, top[i].MeanDrop),
                Error = double.IsFinite(top[i].SdDrop) ? top[i].SdDrop : 0,
                FillColor = ReportPalette.ToPlot(ReportPalette.Accent, 200),
                LineWidth = 0,
                Orientation = Orientation.Horizontal,
            });
            _ = bar;
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, top.Count).Select(i => (double)i).ToArray(), top.Select(t => Terms.Name(t.Feature, t.Source)).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.XLabel("how much worse the model predicts without it (drop in R²)");
        plot.Axes.Margins(left: 0, right: 0.1, bottom: 0.03, top: 0.03);
        plot.Grid.YAxisStyle.IsVisible = false;
        return plot;
    }

    /// <summary>Partial dependence of one driver: the predicted target against a typical post (1 = typical).</summary>
    public static Plot PartialDependence(ReportDriver driver, double meanPrediction)
    {
        var plot = New();
        var pd = driver.PartialDependence!;
        var relative = pd.Average.Select(a => Math.Exp(a - meanPrediction)).ToArray();
        if (pd.Kind == FeatureKind.Categorical)
        {
            for (var g = 0; g < relative.Length; g++)
            {
                plot.Add.Bar(new Bar
                {
                    Position = g,
                    ValueBase = 1,
                    Value = relative[g],
                    FillColor = ReportPalette.ToPlot(relative[g] >= 1 ? ReportPalette.Good : ReportPalette.Bad, 200),
                    LineWidth = 0,
                });
            }
            // Long or many labels are shortened and turned, so neighbours never overlap in a half-page chart.
            var labels = pd.GridLabels.Select(l => Terms.Value(pd.Feature, l)).Select(l => l.Length > 14 ? l[..13] + "…" : l).ToArray();
            var turn = relative.Length > 4 || labels.Sum(l => l.Length) > 36;
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, relative.Length).Select(g => (double)g).ToArray(), labels);
            plot.Axes.Bottom.TickLabelStyle.Rotation = turn ? 40 : 0;
            plot.Axes.Bottom.TickLabelStyle.Alignment = turn ? Alignment.MiddleLeft : Alignment.UpperCenter;
            if (turn)
                plot.Axes.Bottom.MinimumSize = 70;
        }
        else
        {
            var line = plot.Add.Scatter(pd.GridValues, relative);
            line.Color = ReportPalette.ToPlot(ReportPalette.Accent);
            line.LineWidth = 2;
            line.MarkerSize = 4;
            plot.XLabel(Terms.Of(pd.Feature).NameWithUnit);
        }
        var reference = plot.Add.HorizontalLine(1);
        reference.Color = Colors.Gray;
        reference.LinePattern = LinePattern.Dashed;
        reference.LineWidth = 1;
        plot.Title(Terms.Name(pd.Feature, driver.Source), size: 11);
        plot.YLabel("× a typical post");
        return plot;
    }

    /// <summary>
    /// Compared profiles' Popularity Rate per post, one row each (the report's profile on top): the 5th to 95th
    /// percentile as a line, the middle half as a pale box, the median's 95% interval as a dark bar, the median as a dot.
    /// </summary>
    public static Plot ComparedRates(Compare.CompareModel model)
    {
        var plot = New();
        var count = model.Profiles.Count;
        var accent = ReportPalette.ToPlot(ReportPalette.Accent);
        for (var i = 0; i < count; i++)
        {
            var rate = model.Profiles[i].Por;
            var y = count - 1 - i;
            if (rate.N == 0)
                continue;
            var whisker = plot.Add.Line(rate.P05, y, rate.P95, y);
            whisker.LineWidth = 1;
            whisker.Color = Colors.Gray;
            var box = plot.Add.Rectangle(rate.P25, rate.P75, y - 0.22, y + 0.22);
            box.FillColor = ReportPalette.ToPlot(ReportPalette.Accent, 45);
            box.LineWidth = 0;
            var interval = plot.Add.Line(rate.MedianLow, y, rate.MedianHigh, y);
            interval.LineWidth = 5;
            interval.Color = accent;
            var median = plot.Add.Marker(rate.Median, y);
            median.MarkerSize = 7;
            median.Color = Colors.Black;
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, count).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, count).Select(i => $"{model.Profiles[count - 1 - i].Name} (n = {model.Profiles[count - 1 - i].Por.N:N0})").ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Percent };
        plot.Axes.SetLimitsY(-0.6, count - 0.4);
        plot.XLabel("Popularity Rate: (likes + comments) ÷ followers at publish time");
        plot.Grid.YAxisStyle.IsVisible = false;
        return plot;
    }

    /// <summary>A tick label a person reads: thousands separated, at most three significant decimals, never "1.02E+03".</summary>
    public static string Number(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 || magnitude == 0 ? "#,##0" : magnitude >= 10 ? "#,##0.#" : magnitude >= 1 ? "0.##" : "0.###";
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    public static string Percent(double fraction) =>
        (fraction * 100).ToString(fraction * 100 >= 10 ? "0" : fraction * 100 >= 1 ? "0.#" : "0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    internal static Plot New()
    {
        var plot = new Plot();
        plot.Font.Set(ReportFonts.Family);
        plot.Axes.Left.TickLabelStyle.FontSize = 9;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
        plot.Axes.Left.Label.FontSize = 10;
        plot.Axes.Bottom.Label.FontSize = 10;
        plot.Legend.FontSize = 9;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Number };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Number };
        return plot;
    }
}
