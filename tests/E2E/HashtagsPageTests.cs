using Microsoft.Playwright;

namespace Insights.E2E;

/// <summary>The Hashtags page on the demo's metrics: the lists with n and intervals, and the minimum changed on the page.</summary>
[Collection(SmallProfileCollection.Name)]
public sealed class HashtagsPageTests(SmallProfileServerFixture server)
{
    private static readonly LocatorWaitForOptions Patient = new() { Timeout = 120_000 };

    [Fact]
    public async Task AnAnalyst_ReadsTheTagLists_AndRaisesTheMinimum()
    {
        var page = await server.OpenAsync($"/hashtags?profile={SmallProfileServerFixture.Profile}");
        await page.Locator("[data-testid=hashtags-top]").WaitForAsync(Patient);

        var top = page.Locator("[data-testid=hashtags-top] [data-testid=hashtags-row]");
        Assert.True(await top.CountAsync() > 0);
        var first = await top.First.Locator("td").AllInnerTextsAsync();
        Assert.Matches(@"^[#@]\S+$", first[0]);
        Assert.Matches(@"^× \d+\.\d\d \(\d+\.\d\d – \d+\.\d\d\)$", first[2]);
        var smallest = (await page.Locator("[data-testid=hashtags-row] td:nth-child(2)").AllInnerTextsAsync()).Select(t => int.Parse(t.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).Min();
        Assert.True(smallest >= 10, $"a listed tag has {smallest} posts, under the default minimum of 10");
        Assert.Contains("associations", await page.Locator("[data-testid=hashtags-caveat]").InnerTextAsync(), StringComparison.Ordinal);
        await DashboardServerFixture.ScreenshotAsync(page, "hashtags-1280.png", 1280, 720);
        await DashboardServerFixture.ScreenshotAsync(page, "hashtags-390.png", 390, 844);
        await page.SetViewportSizeAsync(1400, 1000);

        // A minimum above the commonest tag's count leaves nothing, and says what to do.
        var input = page.Locator("input[data-testid=hashtags-min], [data-testid=hashtags-min] input");
        await input.FillAsync("100000");
        await input.PressAsync("Enter");
        await page.Locator("[data-testid=hashtags-none]").WaitForAsync(Patient);
        Assert.Contains("min=100000", page.Url, StringComparison.Ordinal);
        Assert.Contains("on 100000 posts or more", await page.Locator("[data-testid=hashtags-none]").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }
}
