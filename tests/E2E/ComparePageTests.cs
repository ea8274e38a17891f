using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;

namespace Insights.E2E;

/// <summary>What an analyst does on the Compare page: picks profiles, reads the figures with their n, switches the rate, downloads the table.</summary>
[Collection(SmallProfileCollection.Name)]
public sealed class ComparePageTests(SmallProfileServerFixture server)
{
    private const string TikTok = "tok-compare";

    // Generous: the page computes bootstrap intervals for each profile on the server, and CI's 2 cores are busy.
    private static readonly LocatorWaitForOptions Patient = new() { Timeout = 120_000 };

    [Fact]
    public async Task AnAnalyst_PicksTwoProfiles_SwitchesTheRate_AndDownloadsTheTable()
    {
        await ImportTikTokAsync();

        var page = await server.OpenAsync("/compare?from=2025-01-01&to=2025-06-30");
        await page.Locator("[data-testid=compare-empty]").WaitForAsync(Patient);
        try
        {
            await PickAsync(page, TikTok, "tiktok", "profiles=" + TikTok);
            await PickAsync(page, SmallProfileServerFixture.Profile, "instagram", "profiles=" + TikTok + "%2C" + SmallProfileServerFixture.Profile);
        }
        catch
        {
            await DashboardServerFixture.ScreenshotAsync(page, "compare-failed.png", 1400, 1000);
            throw;
        }

        var rows = page.Locator("[data-testid=compare-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(2, new LocatorAssertionsToHaveCountOptions { Timeout = 120_000 });
        var tiktok = await page.Locator($"[data-testid=compare-row][data-profile={TikTok}]").InnerTextAsync();
        Assert.Contains("TikTok", tiktok, StringComparison.Ordinal);
        Assert.Contains("n = 40", tiktok, StringComparison.Ordinal);
        // The TikTok export has no impressions: its engagement rate is missing, never zero.
        Assert.Contains("– (n = 0)", tiktok, StringComparison.Ordinal);
        var instagram = await page.Locator($"[data-testid=compare-row][data-profile={SmallProfileServerFixture.Profile}]").InnerTextAsync();
        Assert.Contains("Instagram", instagram, StringComparison.Ordinal);
        Assert.Matches(@"\), n = [1-9]", instagram);
        Assert.Contains("1 Jan 2025 – 30 Jun 2025", await page.Locator("[data-testid=compare-range]").InnerTextAsync());
        Assert.Contains("not available: TikTok exports have no impressions", await page.Locator("[data-testid=compare-definitions]").InnerTextAsync());

        // The Popularity Rate is shown first, each profile with its n.
        var por = page.Locator("[data-testid=compare-por-chart]");
        await por.WaitForAsync(Patient);
        Assert.Contains("n = 40", await por.InnerHTMLAsync(), StringComparison.Ordinal);
        await page.Locator("[data-testid=compare-metric]").GetByText("Engagement rate").ClickAsync();
        var er = page.Locator("[data-testid=compare-er-chart]");
        await er.WaitForAsync(Patient);
        Assert.Contains("metric=er", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await por.CountAsync());
        Assert.Contains("no posts with this rate (n = 0)", await er.Locator($"g[data-profile={TikTok}]").InnerHTMLAsync(), StringComparison.Ordinal);
        Assert.Matches("n = [1-9]", await er.Locator($"g[data-profile={SmallProfileServerFixture.Profile}]").InnerHTMLAsync());
        // The switch does not lose the choice of profiles.
        Assert.Equal(2, await rows.CountAsync());

        // The CSV downloads from the page's own link and holds the same comparison.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=compare-csv]").ClickAsync());
        Assert.Equal("compare-profiles-20250101-20250630.csv", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), "insights-compare-" + Guid.NewGuid().ToString("N") + ".csv");
        await download.SaveAsAsync(saved);
        var table = await File.ReadAllTextAsync(saved);
        File.Delete(saved);
        Assert.StartsWith("profile,platform", table, StringComparison.Ordinal);
        Assert.Contains($"{TikTok},tiktok,2025-01-01,2025-06-30,40,", table, StringComparison.Ordinal);
        Assert.Contains($"{SmallProfileServerFixture.Profile},instagram,2025-01-01,2025-06-30,", table, StringComparison.Ordinal);

        await DashboardServerFixture.ScreenshotAsync(page, "compare-1280.png", 1280, 720);
        await DashboardServerFixture.ScreenshotAsync(page, "compare-390.png", 390, 844);
        await page.CloseAsync();
    }

    // Opens the profile picker, ticks one profile and waits until the page shows it (the URL carries the choice).
    private static async Task PickAsync(IPage page, string profile, string platform, string inUrl)
    {
        // A pick shows in the address first. While job banners above the picker re-render, the list can move between
        // Playwright's check of the item and its click, so the click lands beside it: the address then stays as it
        // was, and the pick is made again. The address only changes once the server has the pick, so a second click
        // never undoes a first one that arrived.
        for (var attempt = 1; ; attempt++)
        {
            var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = $"{profile} ({platform})" });
            if (attempt == 1 || await item.CountAsync() == 0)
                await page.Locator("[data-testid=compare-profiles]").ClickAsync();
            await item.ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => url.Contains(inUrl, StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // The pick may have arrived just after the wait gave up.
                if (page.Url.Contains(inUrl, StringComparison.Ordinal))
                    break;
            }
        }
        await page.Locator($"[data-testid=compare-row][data-profile={profile}]").WaitForAsync(Patient);
        Assert.Contains(inUrl, page.Url, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
    }

    // A small TikTok profile imported from a TikTok Studio export: 40 clips in the first half of 2025.
    private async Task ImportTikTokAsync()
    {
        var csv = new StringBuilder("Video title,Video link,Post time,Duration,Total views,Total likes,Total comments,Total shares,Add to Favorites\n");
        for (var i = 0; i < 40; i++)
            csv.Append(CultureInfo.InvariantCulture, $"clip {i},https://www.tiktok.com/@e2e/video/{7000 + i},2025-0{1 + i % 6}-{1 + i % 27:00} 18:00:00,{10 + i % 20}.5s,{1000 + 37 * i},{80 + i},{4 + i % 5},{i % 7},{i % 3}\n");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "files", "tiktok.csv");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("Date,Followers\n2025-01-01,5000\n2025-07-01,6500\n")), "files", "followers.csv");
        using var imported = await server.Http.PostAsync($"/api/profiles/{TikTok}/imports", form);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
    }
}
