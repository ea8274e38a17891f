using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Insights.Analytics.Reports;

namespace Insights.Analytics.Tests.Reports;

[Collection(DemoReportCollection.Name)]
public class XlsxReportWriterTests(DemoReport demo)
{
    /// <summary>The workbook's sheets, each as rows of cells read back with the Open XML SDK: (text or null, number or null).</summary>
    internal static Dictionary<string, List<List<(string? Text, double? Number)>>> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<List<(string?, double?)>>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r => r.Elements<Cell>().Select(c =>
                c.DataType?.Value == CellValues.InlineString ? (Unescape(c.InlineString!.Text!.Text), (double?)null)
                : c.CellValue is null ? ((string?)null, (double?)null)
                : ((string?)null, double.Parse(c.CellValue.Text, System.Globalization.CultureInfo.InvariantCulture))).ToList()).ToList();
            result[sheet.Name!] = rows;
        }
        return result;
    }

    // OOXML's escapes of characters XML cannot keep (a carriage return) and of a literal "_x".
    private static string Unescape(string text) => text.Replace("_x000D_", "\r", StringComparison.Ordinal).Replace("_x005F_x", "_x", StringComparison.Ordinal);

    private static async Task<byte[]> WriteAsync(ReportContent content)
    {
        using var stream = new MemoryStream();
        await XlsxReportWriter.WriteAsync(content, stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task DemoWorkbook_HasPostsLabelsAndDriversSheets_WithNumbersAsNumbers()
    {
        var sheets = Read(await WriteAsync(demo.Content));
        Assert.Equal(["Summary", "Posts", "Labels", "Drivers"], sheets.Keys);

        var posts = sheets["Posts"];
        Assert.Equal(demo.Content.Posts.Count + 1, posts.Count);
        var header = posts[0].Select(c => c.Text!).ToList();
        var likes = header.IndexOf("likes");
        var por = header.IndexOf("popularity_rate");
        var klass = header.IndexOf("class");
        Assert.True(likes >= 0 && por >= 0 && klass >= 0);
        Assert.Contains(header, h => h.StartsWith("auto:", StringComparison.Ordinal));
        Assert.Contains(header, h => h.StartsWith("label:", StringComparison.Ordinal));
        var first = demo.Content.Posts[0];
        Assert.Equal(first.Likes, posts[1][likes].Number);
        Assert.Equal(first.PopularityRate!.Value, posts[1][por].Number!.Value, 12);
        Assert.Equal(first.ClassName, posts[1][klass].Text);

        var labels = sheets["Labels"];
        var labelHeader = labels.FindIndex(r => r.Count > 0 && r[0].Text == "category");
        Assert.True(labelHeader > 0);
        var people = labels.Skip(labelHeader + 1).Where(r => r[0].Text == "people" && r[3].Text == "all").ToList();
        Assert.NotEmpty(people);
        Assert.All(people, r =>
        {
            Assert.True(r[4].Number > 0); // n
            Assert.True(r[6].Number <= r[5].Number && r[5].Number <= r[7].Number); // low <= median <= high
        });

        var drivers = sheets["Drivers"];
        Assert.Contains(drivers, r => r.Count > 1 && r[0].Text == "Cross-validated R²" && r[1].Number is not null);
        Assert.Contains(drivers, r => r.Count > 0 && r[0].Text == "feature");
    }

    [Fact]
    public async Task HostileText_IsNeutralised_AndANegativeNumberIsANumberCell()
    {
        var content = SyntheticReport.Create();
        var posts = Read(await WriteAsync(content))["Posts"];
        var header = posts[0].Select(c => c.Text!).ToList();
        for (var i = 0; i < SyntheticReport.Hostile.Length; i++)
        {
            var expected = "'" + SyntheticReport.Hostile[i];
            Assert.Equal(expected, posts[i + 1][header.IndexOf("post_id")].Text);
            Assert.Equal(expected, posts[i + 1][header.IndexOf("caption")].Text);
            Assert.Equal(expected, posts[i + 1][header.IndexOf("label:topic")].Text);
        }
        Assert.Equal((null, -7.0), posts[1][header.IndexOf("impressions")]);
        Assert.Equal((null, -3.5), posts[2][header.IndexOf("duration_seconds")]);
        Assert.Equal((null, -0.25), posts[1][header.IndexOf("auto:brightness")]);
    }
}
