using System.Globalization;
using System.Text.RegularExpressions;
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
        Assert.Contains("demo · instagram · 1 Jan 2025 – 31 Dec 2025", text);
        var kpis = demo.Content.Kpis;
        Assert.Contains($"n = {kpis.MedianPopularityRate.N.ToString("N0", CultureInfo.InvariantCulture)}", text);
        Assert.Contains(kpis.Posts.ToString("N0", CultureInfo.InvariantCulture), text);
        foreach (var section in new[] { "Popularity over time", "Engagement by label", "What drives engagement", "Best and worst posts", "monthly median" })
            Assert.Contains(section, text);
        Assert.Contains("people (automatic label)", text);
        Assert.Contains("Cross-validated R²", text);
        Assert.Contains(demo.Content.Best[0].PlatformPostId, text);
        Assert.Contains(demo.Content.Worst[0].PlatformPostId, text);
        Assert.Equal(pages, Regex.Matches(text, @"page \d+").Count);
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
