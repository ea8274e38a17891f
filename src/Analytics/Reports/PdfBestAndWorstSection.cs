using System.Globalization;
using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Vocabulary;
using SkiaSharp;

namespace Insights.Analytics.Reports;

/// <summary>The PDF's best and worst posts: each with its thumbnail, rates, class, automatic and own labels and caption.</summary>
internal static class PdfBestAndWorstSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(PdfCanvas pdf, ReportContent c)
    {
        pdf.NewPage();
        pdf.Heading("Best and worst posts");
        if (c.Best.Count == 0)
        {
            pdf.Paragraph("Too few posts with a class in the range.", 9, ReportPalette.Muted);
            return;
        }
        pdf.Paragraph("Ranked by the post's percentile among posts of its media group within its rolling window (fair across years and media types).", 8.5f, ReportPalette.Muted);
        Posts(pdf, c, "Best", c.Best);
        Posts(pdf, c, "Worst", c.Worst);
    }

    private static void Posts(PdfCanvas pdf, ReportContent c, string title, IReadOnlyList<ReportPost> posts)
    {
        pdf.Y += 4;
        pdf.Paragraph($"{title} {posts.Count}", 11, ReportPalette.Ink, bold: true);
        const float rowHeight = 86, thumb = 76;
        var textX = PdfCanvas.Margin + thumb + 12;
        var textWidth = PdfCanvas.ContentWidth - thumb - 12;
        for (var i = 0; i < posts.Count; i++)
        {
            var p = posts[i];
            pdf.Ensure(rowHeight);
            var top = pdf.Y;
            var box = SKRect.Create(PdfCanvas.Margin, top, thumb, thumb);
            pdf.Rect(box, ReportPalette.Tile);
            if (c.Thumbnails.TryGetValue(p.PostId, out var image))
                pdf.Image(image, box);
            else
                pdf.Line(p.MediaType == MediaType.Video ? "Video" : "No image", box.MidX - 16, box.MidY + 3, 8, ReportPalette.Muted);

            var y = top + 10;
            pdf.Line($"{i + 1}. {p.PublishedUtc:d MMM yyyy, HH:mm} UTC · {Terms.Value("media_type", p.MediaType.ToString().ToLowerInvariant())} · post {p.PlatformPostId}", textX, y, 9, ReportPalette.Ink, bold: true, maxWidth: textWidth);
            y += 13;
            var rates = $"Popularity Rate {PdfReportWriter.Rate(p.PopularityRate)}" + (p.EngagementRate is { } er ? $" · engagement rate {PdfReportWriter.Rate(er)}" : "")
                + $" · class {p.ClassName ?? "–"}" + (p.Percentile is { } pc ? $" (better than {pc * 100:0}% of its weeks' posts)" : "")
                + $" · {p.Likes:N0} likes, {p.Comments:N0} comments";
            pdf.Line(rates, textX, y, 8, p.Class == c.ClassNames.Count - 1 ? ReportPalette.Good : p.Class == 0 ? ReportPalette.Bad : ReportPalette.Ink, maxWidth: textWidth);
            y += 12;
            var automatic = p.Automatic is null ? "not labelled yet" : AutomaticText(p.Automatic, c);
            pdf.Line($"Automatic labels: {automatic}", textX, y, 7.5f, ReportPalette.Muted, maxWidth: textWidth);
            y += 11;
            if (p.ManualLabels.Count > 0)
            {
                pdf.Line("Your labels: " + string.Join(", ", p.ManualLabels.Select(kv => $"{Terms.Name(kv.Key)}: {Terms.Value(kv.Key, kv.Value)}")), textX, y, 7.5f, ReportPalette.Muted, maxWidth: textWidth);
                y += 11;
            }
            if (!string.IsNullOrWhiteSpace(p.Caption))
            {
                var saved = pdf.Y;
                pdf.Y = y - 7.5f;
                pdf.Paragraph("“" + p.Caption.ReplaceLineEndings(" ") + "”", 7.5f, ReportPalette.Ink, x: textX, width: textWidth, maxLines: 2);
                pdf.Y = saved;
            }
            pdf.Y = top + rowHeight;
        }
    }

    // Flags read as their name when set and are left out when not; other values as "Name: value".
    private static string AutomaticText(AutomaticLabels labels, ReportContent c)
    {
        var parts = labels.Categories.Where(kv => kv.Value != "0" && c.Shows(kv.Key))
            .Select(kv => kv.Value == "1" ? Terms.Name(kv.Key) : $"{Terms.Name(kv.Key)}: {Terms.Value(kv.Key, kv.Value)}")
            .Concat(labels.Numbers.Where(kv => kv.Key is "faces" or "brightness").Select(kv => $"{Terms.Name(kv.Key)}: {kv.Value.ToString("0.##", Inv)}")).ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
