using System.Diagnostics;
using Microsoft.Playwright;

namespace Insights.E2E;

[Collection(DashboardCollection.Name)]
public sealed class ReportsPageTests(DashboardServerFixture server)
{
    [Fact]
    public async Task ReportsPage_GeneratesADemoPdf_ThatDownloads()
    {
        // The report job runs after the labelling job on the one worker, and the report should show the labels.
        await server.WaitForLabelsAsync();
        var page = await server.OpenAsync("/reports?profile=demo&from=2025-01-01&to=2025-12-31");

        await page.Locator("[data-testid=report-generate]").ClickAsync();
        var download = page.Locator("[data-testid=report-download]");
        // Training the drivers model of the demo takes a while on a busy 2-core machine.
        await download.WaitForAsync(new LocatorWaitForOptions { Timeout = 300_000 });
        await DashboardServerFixture.SaveScreenshotAsync(page, "reports.png");

        var href = await download.GetAttributeAsync("href");
        Assert.NotNull(href);
        using var response = await server.Http.GetAsync(href);
        Assert.True(response.IsSuccessStatusCode, $"GET {href}: {(int)response.StatusCode}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("demo-2025-01-01-2025-12-31.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var pdf = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "report-demo.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());

        var text = Run("pdftotext", pdf, "-");
        Assert.Contains("demo · Instagram · 1 Jan 2025 – 31 Dec 2025", text);
        Assert.Contains("Executive summary", text);
        Assert.Contains("What drives engagement", text);
        // Page 1 as a picture, to look at.
        Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, Path.Combine(DashboardServerFixture.ScreenshotDirectory, "report-page1"));
        Assert.True(File.Exists(Path.Combine(DashboardServerFixture.ScreenshotDirectory, "report-page1.png")));

        await page.Locator("[data-testid=report-recent]").GetByText("demo-2025-01-01-2025-12-31.pdf").First.WaitForAsync();
        await page.CloseAsync();
    }

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool}: {error}");
        return output;
    }
}
