using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Insights.E2E;

[Collection(DashboardCollection.Name)]
public sealed class ModelPageTests(DashboardServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task OnTheLabelledDemo_TheClassifierBeatsTheCommonestClassGuess_ByMoreThanItsSpread()
    {
        await server.WaitForLabelsAsync();
        var page = await server.OpenAsync("/model?profile=demo");
        // Training starts when labelling ends; the page shows it live and the figures when the model is saved.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline
            && (await page.Locator("[data-testid=model-k3]").CountAsync() == 0 || await page.Locator("[data-testid=model-stale]").CountAsync() > 0))
        {
            await Task.Delay(2000);
            await page.ReloadAsync();
            await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        }
        await page.Locator("[data-testid=nn-histogram] .js-plotly-plot").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await DashboardServerFixture.SaveScreenshotAsync(page, "model.png");

        foreach (var k in new[] { 2, 3 })
        {
            var panel = page.Locator($"[data-testid=model-k{k}]");
            var accuracy = await ReadAsync(panel, "data-accuracy");
            var sd = await ReadAsync(panel, "data-accuracy-sd");
            var baseline = await ReadAsync(panel, "data-baseline");
            var top2 = await ReadAsync(panel, "data-top2");
            output.WriteLine($"demo K={k}: accuracy {accuracy:P1} ± {sd * 100:F1} points, top-2 {top2:P1}, baseline {baseline:P1}, n {await panel.GetAttributeAsync("data-posts")}");
            Assert.True(accuracy - baseline > sd, $"K={k}: accuracy {accuracy:P1} ± {sd:P1} does not beat the baseline {baseline:P1} by more than its spread");
            Assert.Contains("would be right", await page.Locator($"[data-testid=model-sentence-k{k}]").InnerTextAsync());
        }
        await page.CloseAsync();
    }

    private static async Task<double> ReadAsync(ILocator panel, string attribute) =>
        double.Parse((await panel.GetAttributeAsync(attribute))!, CultureInfo.InvariantCulture);
}
