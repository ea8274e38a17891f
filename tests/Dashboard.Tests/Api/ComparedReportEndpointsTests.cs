using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Insights.Analytics.Jobs;
using Insights.Analytics.Vocabulary;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Tests.Jobs;
using Insights.Dashboard.Tests.Reports;

namespace Insights.Dashboard.Tests.Api;

/// <summary>Reports that compare the profile with others, through the real HTTP pipeline, read back as a person's tools would.</summary>
public class ComparedReportEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    // "rival" has 100 more likes on every post of the same days and followers: its typical post does better.
    private async Task<HttpClient> ClientWithProfilesAsync()
    {
        var client = app.CreateClient();
        foreach (var (name, extraLikes) in new[] { ("ours", 0), ("rival", 100) })
        {
            if (await client.ProfileAsync(name) is not null)
                continue;
            var (status, _) = await client.ImportAsync(name, ReportFiles.Profile(extraLikes));
            Assert.Equal(HttpStatusCode.OK, status);
        }
        return client;
    }

    [Fact]
    public async Task Pdf_HasAComparisonSection_WithBothProfiles_TheHeadline_AndN()
    {
        using var client = await ClientWithProfilesAsync();
        using var response = await client.GetAsync("/api/profiles/ours/reports?from=2024-01-01&to=2024-01-31&format=pdf&compare=rival&sections=popularity");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = ReportFiles.PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Comparison with other profiles", text);
        // 31 posts each in January; ours did less than rival's, so the ratio is below 1.
        Assert.Matches(@"ours's typical post did 0\.\d+× rival's \(median Popularity Rate, n = 31 and 31\)", Flatten(text));
        Assert.Contains("1 Jan 2024 – 31 Jan 2024", text);
        Assert.Contains("rival (n = 31)", text);
        Assert.Contains("Median Popularity Rate (95%), n", text);
        // The label whose lifts differ most, as the Compare page ranks them, by its display name, never its code name.
        var (category, value) = await TopLabelAsync(client, "2024-01-01", "2024-01-31");
        Assert.Contains($"{Terms.Name(category)}: {Terms.Value(category, value)}", Flatten(text));
        Assert.DoesNotContain($"{category}: {value}", text);
        // The rate each profile's lifts are measured on, in words.
        Assert.Matches(@"Rates: ours: (Popularity Rate|Engagement rate)", Flatten(text));
        Assert.DoesNotContain("rolling median", Flatten(text));
    }

    [Fact]
    public async Task Xlsx_HasAValidComparisonSheet_WithEveryProfilesRow_AndDisplayNames()
    {
        using var client = await ClientWithProfilesAsync();
        using var response = await client.GetAsync("/api/profiles/ours/reports?from=2024-01-01&to=2024-01-31&format=xlsx&compare=rival&sections=labels");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).Take(10).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var workbook = document.WorkbookPart!;
        Assert.Equal(["Summary", "Labels", "Comparison"], workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));

        var rows = SheetRows(workbook, "Comparison");
        Assert.StartsWith("ours's typical post did 0.", rows[1][0]);
        var header = rows.First(r => r.FirstOrDefault() == "Profile");
        var ours = rows.First(r => r.FirstOrDefault() == "ours");
        var rival = rows.First(r => r.FirstOrDefault() == "rival");
        Assert.Equal("31", ours[header.IndexOf("Posts")]);
        Assert.Equal("31", rival[header.IndexOf("n")]);
        // The same figures as the Compare page's: one computation for both.
        var (_, compared) = await client.GetJsonAsync("/api/compare?profiles=ours,rival&from=2024-01-01&to=2024-01-31");
        var medians = compared.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("por").GetProperty("median").GetDouble()).ToList();
        Assert.Equal(medians[0], double.Parse(ours[header.IndexOf("Median Popularity Rate")], CultureInfo.InvariantCulture), 12);
        Assert.Equal(medians[1], double.Parse(rival[header.IndexOf("Median Popularity Rate")], CultureInfo.InvariantCulture), 12);
        Assert.True(medians[0] < medians[1]);
        // The top label by its display names, once per profile.
        var (category, value) = await TopLabelAsync(client, "2024-01-01", "2024-01-31");
        Assert.Equal(2, rows.Count(r => r.Count > 2 && r[0] == Terms.Name(category) && r[1] == Terms.Value(category, value)));
        Assert.Contains(SheetRows(workbook, "Summary"), r => r.Count > 0 && r[0].StartsWith("ours's typical post did", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csv_AddsTheProfilesAndLabelsTables_AfterThePosts()
    {
        using var client = await ClientWithProfilesAsync();
        using var response = await client.GetAsync("/api/profiles/ours/reports?from=2024-01-01&to=2024-01-10&format=csv&compare=rival");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var tables = text.Split("\r\n\r\n");
        Assert.Equal(3, tables.Length);
        Assert.Equal(11, tables[0].Split("\r\n").Length);
        var profiles = tables[1].Split("\r\n");
        Assert.StartsWith("profile,platform,start,end,posts,", profiles[0]);
        Assert.StartsWith("ours,instagram,2024-01-01,2024-01-10,10,", profiles[1]);
        Assert.StartsWith("rival,instagram,2024-01-01,2024-01-10,10,", profiles[2]);
        Assert.Equal(3, profiles.Count(l => l.Length > 0));
        var labels = tables[2].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("category,value,profile,n,lift,lift_low,lift_high,few_posts,opposite", labels[0]);
        var (category, value) = await TopLabelAsync(client, "2024-01-01", "2024-01-10");
        Assert.StartsWith($"{category},{value},ours,", labels[1]);
        Assert.StartsWith($"{category},{value},rival,", labels[2]);
    }

    [Fact]
    public async Task AProfileTheCallerMayNotSee_CannotBeComparedWith_NorItsReportDownloaded()
    {
        using var admin = await ClientWithProfilesAsync();
        var ours = (await admin.ProfileAsync("ours"))!.Value.GetProperty("id").GetInt32();
        var rival = (await admin.ProfileAsync("rival"))!.Value.GetProperty("id").GetInt32();
        using var analyst = await app.CreateClientFor("compare-reports@tests.local", [Roles.Analyst], "ours");

        using var own = await analyst.GetAsync("/api/profiles/ours/reports?format=csv");
        using var hidden = await analyst.GetAsync("/api/profiles/ours/reports?format=csv&compare=rival");
        using var missing = await analyst.GetAsync("/api/profiles/ours/reports?format=csv&compare=nosuch");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // Hidden and missing read alike: the answer does not tell that "rival" exists.
        Assert.Equal("No profile 'rival' to compare with.", JsonDocument.Parse(await hidden.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        Assert.Equal("No profile 'nosuch' to compare with.", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());

        var queue = app.GetRequiredService<JobQueue>();
        var id = await queue.EnqueueAsync(ReportJobHandler.JobKind, "CSV report compared", ours,
            JsonSerializer.Serialize(new ReportJobPayload(ours, "ours", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 5), "csv", CompareWith: [rival])));
        Assert.Equal(JobStatus.Succeeded, (await queue.FinishedAsync(id)).Status);
        using var byAnalyst = await analyst.GetAsync($"/api/reports/{id}/file");
        using var byAdmin = await admin.GetAsync($"/api/reports/{id}/file");
        Assert.Equal(HttpStatusCode.NotFound, byAnalyst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Contains("\r\nrival,instagram,", await byAdmin.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AJobPayloadStoredBeforeComparisons_StillRuns_AsAOneProfileReport()
    {
        using var client = await ClientWithProfilesAsync();
        var ours = (await client.ProfileAsync("ours"))!.Value.GetProperty("id").GetInt32();
        var queue = app.GetRequiredService<JobQueue>();
        var id = await queue.EnqueueAsync(ReportJobHandler.JobKind, "CSV report", ours,
            $$"""{"ProfileId":{{ours}},"ProfileName":"ours","From":"2024-01-01","To":"2024-01-05","Format":"csv","ScheduleId":null,"Sections":null}""");

        Assert.Equal(JobStatus.Succeeded, (await queue.FinishedAsync(id)).Status);
        var text = await client.GetStringAsync($"/api/reports/{id}/file");
        Assert.Equal(6, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("profile,platform", text);
    }

    /// <summary>The first shared label of the Compare page's API for the range: category and value codes.</summary>
    private static async Task<(string Category, string Value)> TopLabelAsync(HttpClient client, string from, string to)
    {
        var (status, body) = await client.GetJsonAsync($"/api/compare?profiles=ours,rival&from={from}&to={to}");
        Assert.Equal(HttpStatusCode.OK, status);
        var top = body.GetProperty("labels")[0];
        return (top.GetProperty("category").GetString()!, top.GetProperty("value").GetString()!);
    }

    // pdftotext breaks lines where the PDF wraps them.
    private static string Flatten(string text) => string.Join(" ", text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The sheet's rows as text (shared strings resolved, numbers invariant), empty cells left out as written.</summary>
    private static List<List<string>> SheetRows(WorkbookPart workbook, string name)
    {
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == name);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>().Select(r =>
        {
            var cells = new List<string>();
            foreach (var c in r.Elements<Cell>())
            {
                var column = ColumnIndex(c.CellReference!.Value!);
                while (cells.Count < column) cells.Add("");
                cells.Add(c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)] : c.CellValue?.Text ?? "");
            }
            return cells;
        }).ToList();
    }

    // "C7" → 2, "AA3" → 26.
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter))
            index = index * 26 + (ch - 'A' + 1);
        return index - 1;
    }
}
