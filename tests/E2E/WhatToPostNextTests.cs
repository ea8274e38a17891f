using Microsoft.Playwright;

namespace Insights.E2E;

/// <summary>What to post next on a profile without media (the demo's metrics alone), where it opens fast.</summary>
[Collection(SmallProfileCollection.Name)]
public sealed class WhatToPostNextTests(SmallProfileServerFixture server)
{
    [Fact]
    public async Task OnTheSmallProfile_EveryItemHasItsN_AndTheCaveatIsSaid()
    {
        var page = await server.OpenAsync($"/recommend?profile={SmallProfileServerFixture.Profile}");
        await page.Locator("[data-testid=recommend-caveat]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        Assert.Contains("associations", await page.Locator("[data-testid=recommend-caveat]").InnerTextAsync(), StringComparison.Ordinal);
        // Each suggestion or warning, whether from the model or from the observed lift alone, carries its n.
        foreach (var item in await page.Locator("[data-testid=recommend-item]").AllInnerTextsAsync())
            Assert.Matches(@"n = [\d,]+ posts", item);
        await DashboardServerFixture.ScreenshotAsync(page, "recommend-1280.png", 1280, 720);
        await DashboardServerFixture.ScreenshotAsync(page, "recommend-390.png", 390, 844);
        await page.CloseAsync();
    }
}
