using System.Globalization;
using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Vocabulary;
using SkiaSharp;

namespace Insights.Analytics.Reports;

/// <summary>
/// A report as a PDF a marketing director can read: a cover with an executive summary in words and the KPIs
/// (each with its n), then the sections chosen on the Reports page: popularity over time coloured by class,
/// engagement by label with n and 95% intervals, the top drivers with their partial dependence, and the best
/// and worst posts with thumbnails and labels. Every name comes from the <see cref="Terms"/> catalogue; text
/// is real text (searchable, copyable) in an embedded font; charts are vectors.
/// </summary>
public static class PdfReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Task WriteAsync(ReportContent content, Stream output, CancellationToken cancellationToken = default) =>
        Task.Run(async () =>
        {
            // Skia writes synchronously and wants to finish the file itself; the response stream gets the bytes after.
            using var buffer = new MemoryStream();
            Write(content, buffer, cancellationToken);
            buffer.Position = 0;
            await buffer.CopyToAsync(output, cancellationToken);
        }, cancellationToken);

    public static void Write(ReportContent content, Stream output, CancellationToken cancellationToken = default)
    {
        using var pdf = new PdfCanvas(output, $"Insights report: {content.ProfileName}, {content.RangeText}",
            $"Insights report · {content.ProfileName} ({Terms.Humanise(content.Platform)}) · {content.RangeText} · generated {content.GeneratedUtc:yyyy-MM-dd HH:mm} UTC");
        Cover(pdf, content);
        if (content.Comparison is { Profiles.Count: >= 2 } comparison)
            PdfComparisonSection.Write(pdf, comparison);
        var sections = new (ReportSections Section, Action<PdfCanvas, ReportContent> Write)[]
        {
            (ReportSections.Popularity, Popularity),
            (ReportSections.Labels, Labels),
            (ReportSections.Drivers, Drivers),
            (ReportSections.BestAndWorst, PdfBestAndWorstSection.Write),
        };
        foreach (var (section, write) in sections.Where(s => content.Sections.HasFlag(s.Section)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            write(pdf, content);
        }
    }

    private static void Cover(PdfCanvas pdf, ReportContent c)
    {
        pdf.Line("Insights report", PdfCanvas.Margin, pdf.Y + 24, 24, ReportPalette.Ink, bold: true);
        pdf.Y += 34;
        pdf.Line($"{c.ProfileName} · {Terms.Humanise(c.Platform)} · {c.RangeText}", PdfCanvas.Margin, pdf.Y + 13, 13, ReportPalette.Accent);
        pdf.Y += 20;
        pdf.Paragraph($"Generated {c.GeneratedUtc:d MMMM yyyy, HH:mm} UTC from the stored posts, follower snapshots and labels. Every figure shows the number of posts (n) it is computed from.", 8.5f, ReportPalette.Muted);
        pdf.Y += 8;

        pdf.Paragraph("Executive summary", 12, ReportPalette.Ink, bold: true);
        pdf.Y += 2;
        foreach (var sentence in ExecutiveSummary.Sentences(c))
        {
            pdf.Paragraph("•  " + sentence, 9.5f, ReportPalette.Ink, x: PdfCanvas.Margin + 4, width: PdfCanvas.ContentWidth - 4);
            pdf.Y += 2;
        }
        pdf.Y += 8;

        var k = c.Kpis;
        var high = k.PostsPerClass.Count > 0 ? k.PostsPerClass[^1] : 0;
        var classified = k.PostsPerClass.Sum();
        (string Title, string Value, string Note)[] tiles =
        [
            ("Posts", k.Posts.ToString("N0", Inv), $"{k.Images:N0} images · {k.Carousels:N0} carousels · {k.Videos:N0} videos"),
            ("Median Popularity Rate", Rate(k.MedianPopularityRate.Value), $"of followers reacted · n = {k.MedianPopularityRate.N:N0}"),
            ("Median engagement rate", Rate(k.MedianEngagementRate.Value), $"of impressions · n = {k.MedianEngagementRate.N:N0}"),
            ("Likes + comments", Compact(k.Interactions), $"over the range · n = {k.Posts:N0} posts"),
            ("Followers", k.FollowersAtStart is { } a && k.FollowersAtEnd is { } b ? $"{Compact(a)} → {Compact(b)}" : "–", "at the first and the last post of the range"),
            ($"Posts in the top class", classified > 0 ? ChartsPercent(high / (double)classified) : "–", $"class '{(c.ClassNames.Count > 0 ? c.ClassNames[^1] : "high")}' · n = {classified:N0}"),
        ];
        const float gap = 10, tileHeight = 62;
        var tileWidth = (PdfCanvas.ContentWidth - 2 * gap) / 3;
        for (var i = 0; i < tiles.Length; i++)
        {
            var x = PdfCanvas.Margin + i % 3 * (tileWidth + gap);
            var y = pdf.Y + i / 3 * (tileHeight + gap);
            pdf.Rect(SKRect.Create(x, y, tileWidth, tileHeight), ReportPalette.Tile);
            pdf.Line(tiles[i].Title, x + 10, y + 16, 8.5f, ReportPalette.Muted, maxWidth: tileWidth - 20);
            pdf.Line(tiles[i].Value, x + 10, y + 38, 18, ReportPalette.Ink, bold: true, maxWidth: tileWidth - 20);
            pdf.Line(tiles[i].Note, x + 10, y + 53, 7, ReportPalette.Muted, maxWidth: tileWidth - 20);
        }
        pdf.Y += 2 * tileHeight + gap + 14;

        pdf.Ensure(90);
        pdf.Paragraph("How to read it", 10, ReportPalette.Ink, bold: true);
        var measure = c.Target is { } target
            ? $"Engagement by label and its drivers are measured by one rate, the {target.Name}, because {target.Reason}. "
                + (target.Detrended ? "Each post's rate is compared with the posts published in the weeks around it, so follower growth over the years does not decide who did well. " : "")
            : "";
        pdf.Paragraph("Popularity Rate = (likes + comments) ÷ followers at publish time. Engagement rate = (likes + comments + shares + saves) ÷ impressions, only where impressions are known. "
            + measure
            + $"A post's class ({string.Join(", ", c.ClassNames)}) ranks its Popularity Rate against posts of the same format published within a few weeks of it. "
            + "“Did 18% better” compares the median of the posts with a label with the median of all posts; only differences whose 95% interval leaves out “no difference” are stated in words. Groups with few posts are marked and should be read with care.", 8.5f, ReportPalette.Ink);
        pdf.Y += 6;
    }

    private static void Popularity(PdfCanvas pdf, ReportContent c)
    {
        pdf.NewPage();
        pdf.Heading("Popularity over time");
        var withRate = c.Posts.Count(p => p.PopularityRate > 0);
        if (withRate == 0)
        {
            pdf.Paragraph("No post in the range has a Popularity Rate (no follower snapshots, or no posts).", 9, ReportPalette.Muted);
            return;
        }
        pdf.Paragraph($"Each dot is a post (n = {withRate:N0}), coloured by its popularity class; the line is the monthly median.", 8.5f, ReportPalette.Muted);
        pdf.Chart(ReportCharts.PopularityOverTime(c), 250);
        pdf.Y += 6;

        // Class mix per media group, with n.
        var groups = new[] { ("Images and carousels", MediaGroup.Images), ("Videos", MediaGroup.Videos) };
        var columns = new[] { 150f }.Concat(c.ClassNames.Select(_ => 70f)).Append(60f).ToArray();
        TableRow(pdf, ["Format", .. c.ClassNames.Select(Terms.Humanise), "n"], columns, bold: true);
        foreach (var (name, group) in groups)
        {
            var members = c.Posts.Where(p => p.MediaType.Group() == group && p.Class is not null).ToList();
            if (members.Count == 0)
                continue;
            var cells = new List<string> { name };
            for (var k = 0; k < c.ClassNames.Count; k++)
                cells.Add(ChartsPercent(members.Count(p => p.Class == k) / (double)members.Count));
            cells.Add(members.Count.ToString("N0", Inv));
            TableRow(pdf, [.. cells], columns);
        }
        pdf.Paragraph("Classes are balanced within each rolling window over the whole history, so a range can lean high or low.", 7.5f, ReportPalette.Muted);
    }

    private static void Labels(PdfCanvas pdf, ReportContent c)
    {
        pdf.NewPage();
        pdf.Heading("Engagement by label");
        if (c.Labels is not { } labels)
        {
            pdf.Paragraph("No posts in the range.", 9, ReportPalette.Muted);
            return;
        }
        pdf.Paragraph($"Measured by the {TargetText(c.Target, labels)}; n = {labels.Posts:N0} posts. Per label value: the median with its 95% interval ({labels.Resamples:N0} bootstrap resamples), "
            + "and how the posts with it did against all posts (“×1.18” = 18% better). Bars: that comparison's interval on a log scale around ×1 (green above, red below, grey when it spans ×1 or the group has few posts).", 8.5f, ReportPalette.Muted);
        pdf.Y += 4;
        var clear = Findings.Clearest(labels, 5, c.Shows(Terms.SensitiveCategory) ? null : new HashSet<string> { Terms.SensitiveCategory });
        if (clear.Count > 0)
        {
            pdf.Paragraph("In words", 9.5f, ReportPalette.Ink, bold: true);
            foreach (var (category, row) in clear)
                pdf.Paragraph("•  " + Findings.Sentence(category.Category, row) + ".", 8.5f, ReportPalette.Ink, x: PdfCanvas.Margin + 4, width: PdfCanvas.ContentWidth - 4);
            pdf.Y += 6;
        }
        float[] widths = [150, 45, 110, 110, 110];
        foreach (var category in labels.Categories.Where(k => c.Shows(k.Category)))
        {
            var rows = category.Rows.Where(r => r.Group is null).ToList();
            if (rows.Count < 2)
                continue;
            pdf.Ensure(16 + 14 * Math.Min(rows.Count + 1, 6));
            pdf.Paragraph(Terms.Name(category.Category, category.Source), 9.5f, ReportPalette.Ink, bold: true);
            TableRow(pdf, ["Value", "n", $"median [95%]", "against all [95%]", "interval (×0.25 … ×4)"], widths, bold: true);
            foreach (var r in rows)
            {
                var value = Terms.Value(category.Category, r.Value) + (r.Sparse ? " (few posts)" : "");
                TableRow(pdf, [value, r.N.ToString("N0", Inv), $"{Level(labels, r.Median)} [{Level(labels, r.MedianLow)}, {Level(labels, r.MedianHigh)}]", $"×{F(r.Lift)} [{F(r.LiftLow)}, {F(r.LiftHigh)}]", ""], widths,
                    colour: r.Sparse ? ReportPalette.Muted : ReportPalette.Ink, forest: r);
            }
            pdf.Y += 6;
        }
    }

    private static void Drivers(PdfCanvas pdf, ReportContent c)
    {
        pdf.NewPage();
        pdf.Heading("What drives engagement");
        if (c.Drivers is not { } d)
        {
            pdf.Paragraph("No drivers model: none is trained for this profile yet (the drivers job trains it once the posts are labelled), or too few posts have a rate to train one.", 9, ReportPalette.Muted);
            return;
        }
        var explained = Math.Max(0, d.CrossValidatedR2);
        pdf.Paragraph($"A model learns the {ReportTarget.NameOf(d)} of a post from its labels, picture statistics, format, timing and caption, on the profile's whole history (n = {d.Posts:N0} posts). "
            + $"On posts it did not see it explains {(explained * 100).ToString("0", Inv)}% of the differences between posts (cross-validated R² = {F(explained)}; an average alone explains {(Math.Max(0, d.BaselineR2) * 100).ToString("0", Inv)}%). "
            + "The bars rank what the model leans on most (how much worse it predicts when that feature is scrambled); "
            + "the charts below show how the predicted rate moves with each top feature, against a typical post (×1 = typical), all else as observed.", 8.5f, ReportPalette.Ink);
        pdf.Y += 4;
        if (d.AllImportances.Count > 0)
        {
            var shown = Math.Min(10, d.AllImportances.Count);
            pdf.Chart(ReportCharts.Importance(d, shown), 40 + 18 * shown);
            pdf.Y += 8;
        }
        var charts = d.Top.Where(t => t.PartialDependence is { GridValues.Length: > 1 }).ToList();
        const float gap = 12, height = 190;
        var width = (PdfCanvas.ContentWidth - gap) / 2;
        for (var i = 0; i < charts.Count; i += 2)
        {
            pdf.Ensure(height);
            pdf.Chart(ReportCharts.PartialDependence(charts[i], d.MeanPrediction), height, PdfCanvas.Margin, width, advance: false);
            if (i + 1 < charts.Count)
                pdf.Chart(ReportCharts.PartialDependence(charts[i + 1], d.MeanPrediction), height, PdfCanvas.Margin + width + gap, width, advance: false);
            pdf.Y += height + 6;
        }
    }

    /// <param name="colours">A colour per cell, over <paramref name="colour"/> (the whole row's).</param>
    internal static void TableRow(PdfCanvas pdf, string[] cells, float[] widths, bool bold = false, SKColor? colour = null, LabelValueStats? forest = null, SKColor[]? colours = null)
    {
        const float height = 14;
        pdf.Ensure(height);
        var x = PdfCanvas.Margin;
        var baseline = pdf.Y + 10;
        for (var i = 0; i < cells.Length && i < widths.Length; i++)
        {
            pdf.Line(cells[i], x + 2, baseline, 8, bold ? ReportPalette.Muted : colours?[i] ?? colour ?? ReportPalette.Ink, bold, widths[i] - 6);
            x += widths[i];
        }
        if (forest is not null)
            Forest(pdf, forest, x - widths[^1] + 4, pdf.Y + 2, widths[^1] - 12, height - 4);
        using var rule = new SKPaint { Color = ReportPalette.Rule, StrokeWidth = 0.4f };
        pdf.Canvas.DrawLine(PdfCanvas.Margin, pdf.Y + height, PdfCanvas.Margin + widths.Sum(), pdf.Y + height, rule);
        pdf.Y += height;
    }

    // The lift interval on a log2 axis from 0.25 to 4, with a tick at 1.
    private static void Forest(PdfCanvas pdf, LabelValueStats r, float x, float y, float width, float height)
    {
        static float Position(double lift) => (float)((Math.Clamp(Math.Log2(lift), -2, 2) + 2) / 4);
        using var axis = new SKPaint { Color = ReportPalette.Muted, StrokeWidth = 0.6f };
        pdf.Canvas.DrawLine(x + width / 2, y, x + width / 2, y + height, axis);
        if (!double.IsFinite(r.LiftLow) || !double.IsFinite(r.LiftHigh) || r.LiftLow <= 0)
            return;
        var colour = r.Sparse || (r.LiftLow <= 1 && r.LiftHigh >= 1) ? ReportPalette.Muted : r.LiftLow > 1 ? ReportPalette.Good : ReportPalette.Bad;
        using var paint = new SKPaint { Color = colour, StrokeWidth = 3, IsAntialias = true, StrokeCap = SKStrokeCap.Round };
        pdf.Canvas.DrawLine(x + width * Position(r.LiftLow), y + height / 2, x + width * Position(r.LiftHigh), y + height / 2, paint);
        using var dot = new SKPaint { Color = ReportPalette.Ink, IsAntialias = true };
        if (double.IsFinite(r.Lift) && r.Lift > 0)
            pdf.Canvas.DrawCircle(x + width * Position(r.Lift), y + height / 2, 2.2f, dot);
    }

    private static string TargetText(ReportTarget? target, LabelBreakdown labels) =>
        (target?.Name ?? (labels.Metric == TargetMetric.EngagementRate ? "engagement rate" : "Popularity Rate"))
        + (labels.Detrended ? " against the posts published in the weeks around each post (×1 = a typical post of its time)" : "");

    // A label group's median: a multiple of the typical post when the rate is compared with its weeks, else a percentage.
    private static string Level(LabelBreakdown labels, double value) => labels.Detrended ? "×" + F(value) : Rate(value);

    // Two decimals, never "-0.00".
    private static string F(double value) => double.IsFinite(value) ? (Math.Round(value, 2) == 0 ? 0 : value).ToString("0.00", Inv) : "–";

    internal static string Rate(double? fraction) => fraction is { } f && double.IsFinite(f) ? ChartsPercent(f) : "–";

    private static string ChartsPercent(double fraction) => ReportCharts.Percent(fraction);

    private static string Compact(double value) => value switch
    {
        >= 1e6 => (value / 1e6).ToString("0.0", Inv) + "M",
        >= 1e4 => (value / 1e3).ToString("0.#", Inv) + "k",
        _ => value.ToString("N0", Inv),
    };
}
