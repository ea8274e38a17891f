using Microsoft.Playwright;

namespace Insights.E2E;

[Collection(DashboardCollection.Name)]
public sealed class RecommendPageTests(DashboardServerFixture server)
{
    [Fact]
    public async Task TheDemo_RecommendationsAndBestTimes_Render()
    {
        var page = await server.OpenAsync("/recommend?profile=demo");
        await page.Locator("[data-testid=recommend-caveat]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        Assert.Contains("associations", await page.Locator("[data-testid=recommend-caveat]").InnerTextAsync());
        await DashboardServerFixture.SaveScreenshotAsync(page, "recommend.png");

        await page.GotoAsync(new Uri(server.BaseAddress, "/best-times?profile=demo").ToString());
        await page.Locator("[data-testid=best-times-heatmap]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        Assert.Equal(7 * 24, await page.Locator("[data-testid=best-times-cell]").CountAsync());
        await DashboardServerFixture.SaveScreenshotAsync(page, "best-times.png");
        await page.CloseAsync();
    }
}
