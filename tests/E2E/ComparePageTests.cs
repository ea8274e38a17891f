using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;

namespace Insights.E2E;

[Collection(DashboardCollection.Name)]
public sealed class ComparePageTests(DashboardServerFixture server)
{
    [Fact]
    public async Task AnAnalyst_PicksTwoProfiles_AndSeesThemSideBySide()
    {
        // A small TikTok profile beside the demo (Instagram), imported from a TikTok Studio export.
        var csv = new StringBuilder("Video title,Video link,Post time,Duration,Total views,Total likes,Total comments,Total shares,Add to Favorites\n");
        for (var i = 0; i < 40; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"clip {i},https://www.tiktok.com/@e2e/video/{7000 + i},2025-0{1 + i % 6}-{1 + i % 27:00} 18:00:00,{10 + i % 20}.5s,{1000 + 37 * i},{80 + i},{4 + i % 5},{i % 7},{i % 3}\n");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "files", "tiktok.csv");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("Date,Followers\n2025-01-01,5000\n2025-07-01,6500\n")), "files", "followers.csv");
        using var imported = await server.Http.PostAsync("/api/profiles/tok-e2e/imports", form);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var page = await server.OpenAsync("/compare?profile=demo&from=2025-01-01&to=2025-06-30");
        await page.Locator("[data-testid=compare-empty]").WaitForAsync();
        await page.Locator("[data-testid=compare-profiles]").ClickAsync();
        await page.GetByText("tok-e2e (tiktok)").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("profiles=tok-e2e", StringComparison.Ordinal));
        await page.Locator("[data-testid=compare-row]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("[data-testid=compare-profiles]").ClickAsync();
        await page.GetByText("demo (instagram)").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("profiles=tok-e2e%2Cdemo", StringComparison.Ordinal) || url.Contains("profiles=tok-e2e,demo", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Escape");

        var rows = page.Locator("[data-testid=compare-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(2, new LocatorAssertionsToHaveCountOptions { Timeout = 120_000 });
        Assert.Contains("TikTok", await rows.Nth(0).InnerTextAsync());
        Assert.Contains("n = ", await page.Locator("[data-testid=compare-por-chart]").InnerHTMLAsync());
        Assert.Contains("not available: TikTok exports have no impressions", await page.Locator("[data-testid=compare-definitions]").InnerTextAsync());
        Assert.Contains("1 Jan 2025 – 30 Jun 2025", await page.Locator("[data-testid=compare-range]").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "compare.png"), FullPage = true });

        // The CSV the page links to is the same comparison.
        var href = await page.Locator("[data-testid=compare-csv]").GetAttributeAsync("href");
        var table = await server.Http.GetStringAsync(href);
        Assert.StartsWith("profile,platform", table, StringComparison.Ordinal);
        Assert.Contains("tok-e2e,tiktok,2025-01-01,2025-06-30,40,", table, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheDemo_RecommendationsAndBestTimes_Render()
    {
        var page = await server.OpenAsync("/recommend?profile=demo");
        await page.Locator("[data-testid=recommend-caveat]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        Assert.Contains("associations", await page.Locator("[data-testid=recommend-caveat]").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "recommend.png"), FullPage = true });

        await page.GotoAsync(new Uri(server.BaseAddress, "/best-times?profile=demo").ToString());
        await page.Locator("[data-testid=best-times-heatmap]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        Assert.Equal(7 * 24, await page.Locator("[data-testid=best-times-cell]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "best-times.png"), FullPage = true });
        await page.CloseAsync();
    }
}
