using System.Globalization;
using System.Text.RegularExpressions;
using Insights.Analytics.Engagement;
using Insights.Analytics.Reports;

namespace Insights.Analytics.Tests.Reports;

[Collection(DemoReportCollection.Name)]
public class PdfReportWriterTests(DemoReport demo)
{
    private static string WriteToFile(ReportContent content, string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "insights-reports");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        using (var file = File.Create(path))
            PdfReportWriter.Write(content, file);
        return path;
    }

    [Fact]
    public void DemoPdf_HasEverySection_KpisWithTheirN_AndSeveralPages()
    {
        var path = WriteToFile(demo.Content, "demo-2025.pdf");
        var info = DemoReport.Poppler("pdfinfo", path);
        var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(pages, 4, 40);
        Assert.Contains("Insights report: demo", info);

        var text = Regex.Replace(DemoReport.Poppler("pdftotext", "-layout", path, "-"), @"\s+", " ");
        Assert.Contains("Insights report", text);
        Assert.Contains("demo · Instagram · 1 Jan 2025 – 31 Dec 2025", text);
        var kpis = demo.Content.Kpis;
        Assert.Contains($"n = {kpis.MedianPopularityRate.N.ToString("N0", CultureInfo.InvariantCulture)}", text);
        Assert.Contains(kpis.Posts.ToString("N0", CultureInfo.InvariantCulture), text);
        foreach (var section in new[] { "Popularity over time", "Engagement by label", "What drives engagement", "Best and worst posts", "monthly median" })
            Assert.Contains(section, text);
        Assert.Contains("People in the picture", text);
        Assert.Contains("cross-validated R²", text);
        Assert.Contains(demo.Content.Best[0].PlatformPostId, text);
        Assert.Contains(demo.Content.Worst[0].PlatformPostId, text);
        Assert.Equal(pages, Regex.Matches(text, @"page \d+").Count);
    }

    [Fact]
    public void DemoPdf_ReadsInDisplayNames_WithoutCodeNamesOrExponents_AndStatesOneTargetWithItsReason()
    {
        var path = WriteToFile(demo.Content, "demo-2025-words.pdf");
        var text = Regex.Replace(DemoReport.Poppler("pdftotext", "-layout", path, "-"), @"\s+", " ");

        Assert.Contains("Executive summary", text);
        Assert.Matches(@"[A-Z][^.•]* did (\d+% (better|worse)|[\d.]+ times as well) than the profile's typical post, n = [\d,]+", text);
        foreach (var display in new[] { "Format", "Day of the week", "People in the picture", "Topic (your labels)" })
            Assert.Contains(display, text);
        foreach (var code in new[] { "media_type", "no_person", "one_person", "text_area", "text_overlay", "publish_hour", "caption_length", "duration_seconds", "custom_", "label:", "auto:" })
            Assert.DoesNotContain(code, text);
        Assert.DoesNotMatch(@"\d[.,]?\d*[eE][+-]\d", text);
        Assert.DoesNotContain("-0.00", text);

        // One rate for the label tables and the drivers, and why.
        var target = demo.Content.Target!;
        Assert.Equal(target.Metric, demo.Content.Labels!.Metric);
        Assert.StartsWith(target.Metric == TargetMetric.EngagementRate ? "ER" : "PoR", demo.Content.Drivers!.Target, StringComparison.Ordinal);
        Assert.Contains($"measured by one rate, the {target.Name}, because", text);
        Assert.Contains("have impressions", text);

        // Sensitive content is off unless asked for.
        Assert.DoesNotContain("Sensitive content", text);
        Assert.DoesNotContain("nsfw", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ChosenSections_AreTheOnlyOnes_AndSensitiveContentAppearsOnlyWhenAskedFor()
    {
        var flagged = SyntheticReport.Create();
        var posts = flagged.Posts.Select(p => p with { Automatic = new AutomaticLabels(new Dictionary<string, string> { ["people"] = "one_person", ["nsfw"] = "1" }, new Dictionary<string, double>()) }).ToList();
        flagged = flagged with { Posts = posts, Best = [posts[0]], Worst = [posts[^1]], Sections = ReportSections.BestAndWorst };

        var without = DemoReport.Poppler("pdftotext", WriteToFile(flagged, "sections-without.pdf"), "-");
        var with = DemoReport.Poppler("pdftotext", WriteToFile(flagged with { Sections = ReportSections.BestAndWorst | ReportSections.SensitiveContent }, "sections-with.pdf"), "-");

        Assert.Contains("Executive summary", without);
        Assert.Contains("Best and worst posts", without);
        Assert.Contains("One person", without);
        foreach (var left in new[] { "Popularity over time", "Engagement by label", "What drives engagement" })
            Assert.DoesNotContain(left, without);
        Assert.DoesNotContain("Sensitive content", without);
        Assert.Contains("Sensitive content", with);
    }

    [Fact]
    public void DemoReport_HasThumbnails_ForTheBestAndWorstImages()
    {
        var images = demo.Content.Best.Concat(demo.Content.Worst).Where(p => p.CoverContentType?.StartsWith("image/", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(images);
        Assert.All(images, p => Assert.True(demo.Content.Thumbnails.ContainsKey(p.PostId), $"no thumbnail for post {p.PlatformPostId}"));
        var path = WriteToFile(demo.Content, "demo-2025-images.pdf");
        var list = DemoReport.Poppler("pdfimages", "-list", path);
        Assert.True(list.Split('\n').Count(l => l.Contains("image", StringComparison.Ordinal)) >= images.Count);
    }

    [Fact]
    public void SmallReport_WithoutLabelsOrDrivers_SaysSo()
    {
        var path = WriteToFile(SyntheticReport.Create(), "synthetic.pdf");
        var text = DemoReport.Poppler("pdftotext", path, "-");
        Assert.Contains("No posts in the range.", text);
        Assert.Contains("No drivers model", text);
        Assert.Contains("=HYPERLINK", text); // a PDF runs nothing: text is shown as written
    }
}
