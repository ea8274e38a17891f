using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
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
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            // Empty cells are left out of the file; each cell's reference puts it back in its column.
            var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r =>
            {
                var cells = new List<(string?, double?)>();
                foreach (var c in r.Elements<Cell>())
                {
                    var column = ColumnIndex(c.CellReference!.Value!);
                    while (cells.Count < column) cells.Add((null, null));
                    cells.Add(c.DataType?.Value == CellValues.SharedString ? (Unescape(strings[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]), (double?)null)
                        : ((string?)null, double.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
                }
                return cells;
            }).ToList();
            result[sheet.Name!] = rows;
        }
        return result;
    }

    // "C7" → 2.
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter))
            index = index * 26 + (ch - 'A' + 1);
        return index - 1;
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
        Assert.Equal(["Summary", "Posts", "Labels", "Drivers", "Driver effects"], sheets.Keys);

        var posts = sheets["Posts"];
        Assert.Equal(demo.Content.Posts.Count + 1, posts.Count);
        var header = posts[0].Select(c => c.Text!).ToList();
        var likes = header.IndexOf("Likes");
        var por = header.IndexOf("Popularity Rate (% of followers)");
        var klass = header.IndexOf("Popularity class");
        var people = header.IndexOf("People in the picture");
        Assert.True(likes >= 0 && por >= 0 && klass >= 0 && people >= 0, string.Join(" | ", header));
        Assert.Contains("Topic (your labels)", header);
        var first = demo.Content.Posts[0];
        Assert.Equal(first.Likes, posts[1][likes].Number);
        Assert.Equal(first.PopularityRate!.Value, posts[1][por].Number!.Value, 12);
        Assert.Equal(first.ClassName, posts[1][klass].Text);
        Assert.Contains(posts.Skip(1), r => r.Count > people && r[people].Text == "One person");

        var labels = sheets["Labels"];
        Assert.Equal("Label", labels[0][0].Text);
        var persons = labels.Skip(1).Where(r => r[0].Text == "People in the picture" && r[3].Text == "all formats").ToList();
        Assert.NotEmpty(persons);
        Assert.All(persons, r =>
        {
            Assert.True(r[4].Number > 0); // n
            Assert.True(r[6].Number <= r[5].Number && r[5].Number <= r[7].Number); // low <= median <= high
        });

        Assert.Contains(sheets["Summary"], r => r.Count > 1 && r[0].Text!.StartsWith("Drivers model: differences explained", StringComparison.Ordinal) && r[1].Number is not null);
        Assert.Equal("Feature", sheets["Drivers"][0][0].Text);
        Assert.Equal("Feature", sheets["Driver effects"][0][0].Text);
    }

    [Fact]
    public async Task DemoWorkbook_IsValid_ForTheOpenXmlValidator_WithFrozenHeaders_Widths_AndNumberFormats()
    {
        using var stream = new MemoryStream(await WriteAsync(demo.Content));
        using var document = SpreadsheetDocument.Open(stream, false);

        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).Take(10)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>().Where(s => s.Name != "Summary"))
        {
            var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
            var pane = worksheet.Descendants<Pane>().SingleOrDefault();
            Assert.True(pane is { State.Value: var state, VerticalSplit.Value: 1 } && state == PaneStateValues.Frozen, $"{sheet.Name}: header row not frozen");
            Assert.Contains(worksheet.Descendants<Column>(), c => c.Width?.Value > 0);
        }
        var postsSheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "Posts").Id!);
        var rates = postsSheet.Worksheet.Descendants<Row>().Skip(1).First().Elements<Cell>()
            .Where(c => c.DataType is null && c.StyleIndex is not null)
            .Select(c => formats[(int)c.StyleIndex!.Value].NumberFormatId?.Value).ToList();
        Assert.Contains(10u, rates); // 0.00%: the rates
        Assert.Contains(3u, rates); // #,##0: counts
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
            Assert.Equal(expected, posts[i + 1][header.IndexOf("Post ID")].Text);
            Assert.Equal(expected, posts[i + 1][header.IndexOf("Caption")].Text);
            Assert.Equal(expected, posts[i + 1][header.IndexOf("Topic (your labels)")].Text);
        }
        Assert.Equal((null, -7.0), posts[1][header.IndexOf("Impressions")]);
        Assert.Equal((null, -3.5), posts[2][header.IndexOf("Video length (seconds)")]);
        Assert.Equal((null, -0.25), posts[1][header.IndexOf("Brightness (0 to 1)")]);
    }
}
