using System.Globalization;
using Insights.Analytics.Compare;
using Insights.Analytics.Vocabulary;
using Insights.Analytics.Ingestion.Platforms;
using SkiaSharp;

namespace Insights.Analytics.Reports;

/// <summary>
/// The PDF's comparison section, when a report covers several profiles: the headline in words, the Compare page's
/// figures (posts, media mix, cadence, follower growth, median rates with their 95% intervals and n), a chart of
/// the rate distributions, the labels whose lifts differ most, and what each figure means on each platform.
/// </summary>
internal static class PdfComparisonSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Profiles side by side in one label table; more go into a further table below.</summary>
    private const int ProfilesPerLabelTable = 4;

    /// <summary>Label rows shown: the ones that differ most (the XLSX sheet has them all).</summary>
    private const int LabelRows = 15;

    public static void Write(PdfCanvas pdf, CompareModel model)
    {
        pdf.NewPage();
        pdf.Heading("Comparison with other profiles");
        pdf.Paragraph(ComparisonText.Headline(model), 10.5f, ReportPalette.Ink, bold: true);
        pdf.Y += 2;
        pdf.Paragraph($"Every profile over the same range, {model.Start:d MMM yyyy} – {model.End:d MMM yyyy}; n is the number of posts each figure is computed from. "
            + "Medians carry 95% bootstrap intervals: where two intervals overlap, the difference may be chance.", 8.5f, ReportPalette.Muted);
        pdf.Y += 6;

        float[] mixWidths = [110, 60, 40, 145, 60, 96];
        PdfReportWriter.TableRow(pdf, ["Profile", "Platform", "Posts", "Images · carousels · videos", "Posts/week", "Follower growth"], mixWidths, bold: true);
        foreach (var p in model.Profiles)
            PdfReportWriter.TableRow(pdf, [p.Name, PlatformName(p.Platform), p.Posts.ToString("N0", Inv), ComparisonText.MediaMix(p), p.PostsPerWeek.ToString("0.0", Inv), GrowthShort(p)], mixWidths);
        pdf.Y += 8;

        float[] rateWidths = [130, 190, 191];
        PdfReportWriter.TableRow(pdf, ["Profile", "Median Popularity Rate (95%), n", "Median engagement rate (95%), n"], rateWidths, bold: true);
        foreach (var p in model.Profiles)
            PdfReportWriter.TableRow(pdf, [p.Name, ComparisonText.Interval(p.Por), ComparisonText.Interval(p.Er)], rateWidths);
        pdf.Y += 8;

        pdf.Paragraph("Popularity Rate per post", 9.5f, ReportPalette.Ink, bold: true);
        pdf.Paragraph("Dot: median; dark bar: its 95% interval; pale box: the middle half of the posts; line: 5th to 95th percentile.", 8, ReportPalette.Muted);
        pdf.Chart(ReportCharts.ComparedRates(model), 50 + 34 * model.Profiles.Count);
        pdf.Y += 8;

        Labels(pdf, model);
        Definitions(pdf, model);
    }

    private static void Labels(PdfCanvas pdf, CompareModel model)
    {
        pdf.Ensure(80);
        pdf.Paragraph("The same labels on each profile", 9.5f, ReportPalette.Ink, bold: true);
        if (model.Labels.Count == 0)
        {
            pdf.Paragraph("No label appears on two or more of these profiles in this range.", 8.5f, ReportPalette.Muted);
            pdf.Y += 6;
            return;
        }
        pdf.Paragraph("Lift: the median rate of the profile's posts with the label ÷ the median of all its posts (× 1.20 is 20% better), its 95% interval and n. "
            + "Green: better beyond the interval; red: worse beyond it. “Opposite”: helps on one profile and hurts on another. "
            + $"Rates: {string.Join("; ", model.Profiles.Select((p, i) => $"{p.Name}: {Terms.Target(model.LabelTargets[i])}"))}.", 8, ReportPalette.Muted);
        pdf.Y += 2;
        var rows = model.Labels.Take(LabelRows).ToList();
        for (var first = 0; first < model.Profiles.Count; first += ProfilesPerLabelTable)
        {
            var shown = Enumerable.Range(first, Math.Min(ProfilesPerLabelTable, model.Profiles.Count - first)).ToList();
            var labelWidth = 170f;
            var widths = new[] { labelWidth }.Concat(shown.Select(_ => (PdfCanvas.ContentWidth - labelWidth) / shown.Count)).ToArray();
            PdfReportWriter.TableRow(pdf, ["Label", .. shown.Select(i => model.Profiles[i].Name)], widths, bold: true);
            foreach (var row in rows)
            {
                var label = ComparisonText.Label(row) + (row.Opposite ? " (opposite)" : "");
                var cells = shown.Select(i => row.Cells[i]).ToList();
                PdfReportWriter.TableRow(pdf, [label, .. cells.Select(ComparisonText.Lift)], widths,
                    colours: [row.Opposite ? ReportPalette.Accent : ReportPalette.Ink, .. cells.Select(Colour)]);
            }
            pdf.Y += 6;
        }
        if (model.Labels.Count > rows.Count)
            pdf.Paragraph($"The {rows.Count} labels whose lifts differ most of {model.Labels.Count:N0} shared ones; the XLSX report lists them all.", 8, ReportPalette.Muted);
        pdf.Y += 6;
    }

    private static void Definitions(PdfCanvas pdf, CompareModel model)
    {
        pdf.Ensure(60);
        pdf.Paragraph("What each figure means on each platform", 9.5f, ReportPalette.Ink, bold: true);
        foreach (var platform in model.Profiles.Select(p => p.Platform).Distinct())
            foreach (var d in MetricDefinitions.For(platform))
                pdf.Paragraph($"•  {d.Platform}, {d.Metric}: {d.Formula}", 8, d.Available ? ReportPalette.Ink : ReportPalette.Muted, x: PdfCanvas.Margin + 4, width: PdfCanvas.ContentWidth - 4);
    }

    private static SKColor Colour(LiftCell? cell) => cell switch
    {
        null => ReportPalette.Muted,
        { Helps: true } => ReportPalette.Good,
        { Hurts: true } => ReportPalette.Bad,
        { Sparse: true } => ReportPalette.Muted,
        _ => ReportPalette.Ink,
    };

    // The table cell has no room for both ends; the XLSX sheet has them.
    private static string GrowthShort(ComparedProfile p) => p.FollowerGrowth is { } growth ? (growth >= 0 ? "+" : "") + ComparisonText.Percent(growth, 1) : "no snapshots";

    private static string PlatformName(string platform) => PlatformCatalog.Find(platform)?.DisplayName ?? platform;
}
