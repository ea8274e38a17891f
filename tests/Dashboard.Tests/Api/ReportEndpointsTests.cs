using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Tests.Jobs;
using Insights.Dashboard.Tests.Reports;

namespace Insights.Dashboard.Tests.Api;

public class ReportEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    private async Task<HttpClient> ClientWithProfileAsync()
    {
        var client = app.CreateClient();
        if (await client.ProfileAsync("reported") is null)
        {
            var (status, _) = await client.ImportAsync("reported", ReportFiles.Profile());
            Assert.Equal(HttpStatusCode.OK, status);
        }
        return client;
    }

    [Fact]
    public async Task Pdf_StreamsTheReport_WithItsContentTypeAndFileName()
    {
        using var client = await ClientWithProfileAsync();
        using var response = await client.GetAsync("/api/profiles/reported/reports?from=2024-01-01&to=2024-01-31&format=pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("reported-2024-01-01-2024-01-31.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = ReportFiles.PdfText(bytes);
        Assert.Contains("reported · ", text);
        Assert.Contains("1 Jan 2024 – 31 Jan 2024", text);
        Assert.Contains("Engagement by label", text);
    }

    [Fact]
    public async Task Xlsx_IsAWorkbookWithTheSummaryAndTheDefaultSections()
    {
        using var client = await ClientWithProfileAsync();
        using var response = await client.GetAsync("/api/profiles/reported/reports?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Summary", "Posts", "Labels", "Drivers", "Driver effects"], sheets);
    }

    [Fact]
    public async Task Sections_PickTheWorkbooksSheets_AndAnUnknownSectionIsABadRequest()
    {
        using var client = await ClientWithProfileAsync();
        using var response = await client.GetAsync("/api/profiles/reported/reports?format=xlsx&sections=labels");
        using var bad = await client.GetAsync("/api/profiles/reported/reports?format=xlsx&sections=labels,nsfw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        Assert.Equal(["Summary", "Labels"], workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'nsfw' is not a report section", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Csv_HasOneRowPerPostInTheRange_AndNeutralisesFormulas()
    {
        using var client = await ClientWithProfileAsync();
        using var response = await client.GetAsync("/api/profiles/reported/reports?from=2024-01-01&to=2024-01-10&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", lines[1]);
    }

    [Theory]
    [InlineData("?format=docx", "format")]
    [InlineData("?from=2024-13-01", "from")]
    [InlineData("?to=yesterday", "to")]
    [InlineData("?from=2024-02-01&to=2024-01-01", "from")]
    public async Task BadFormatOrDates_Are400_NamingTheField(string query, string field)
    {
        using var client = await ClientWithProfileAsync();
        var (status, body) = await client.GetJsonAsync("/api/profiles/reported/reports" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task UnknownProfile_Is404()
    {
        using var client = app.CreateClient();
        var (status, _) = await client.GetJsonAsync("/api/profiles/nobody/reports?format=csv");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task AReportJob_WritesAFile_ThatDownloads()
    {
        using var client = await ClientWithProfileAsync();
        var profile = (await client.ProfileAsync("reported"))!.Value.GetProperty("id").GetInt32();
        var queue = app.GetRequiredService<JobQueue>();
        var id = await queue.EnqueueAsync(ReportJobHandler.JobKind, "XLSX report", profile,
            JsonSerializer.Serialize(new ReportJobPayload(profile, "reported", new DateOnly(2024, 1, 1), null, "xlsx")));

        var job = await queue.FinishedAsync(id);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        using var response = await client.GetAsync($"/api/reports/{id}/file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("reported-2024-01-01-end.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var (missing, _) = await client.GetJsonAsync("/api/reports/999999/file");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }
}
