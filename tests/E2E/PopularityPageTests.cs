using System.Text.Json;
using Microsoft.Playwright;

namespace Insights.E2E;

[Collection(DashboardCollection.Name)]
public sealed class PopularityPageTests(DashboardServerFixture server)
{
    [Fact]
    public async Task PopularityPage_OfTheDemoProfile_DrawsPointsColouredByClass()
    {
        var page = await server.OpenAsync("/popularity?profile=demo");

        var chart = page.Locator("[data-testid=popularity-chart-images] .js-plotly-plot");
        await chart.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        // Count the points in the figure Plotly keeps on its element (what was asked to be drawn).
        var counts = await WaitForPointsAsync(chart);
        await DashboardServerFixture.SaveScreenshotAsync(page, "popularity.png");

        Assert.True(counts.Sum(c => c.Points) > 100, $"expected the demo's images on the chart, got {JsonSerializer.Serialize(counts)}");
        Assert.Contains(counts, c => c.Name == "low" && c.Points > 0);
        Assert.Contains(counts, c => c.Name == "high" && c.Points > 0);
        Assert.Contains(counts, c => c.Name == "class boundaries" && c.Points > 0);
        await page.CloseAsync();
    }

    [Fact]
    public async Task GlobalSwitch_ChangesTheUrlAndTheClasses()
    {
        var page = await server.OpenAsync("/popularity?profile=demo");
        await page.Locator("[data-testid=popularity-chart-images] .js-plotly-plot").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        var rolling = page.GetByLabel("Rolling-window classes", new PageGetByLabelOptions { Exact = true });
        Assert.True(await rolling.IsCheckedAsync(), "the switch reads 'Rolling-window classes' and those are shown: it must be on");
        await page.GetByText("Rolling-window classes", new PageGetByTextOptions { Exact = true }).ClickAsync();
        // Blazor navigates in place (history.pushState), so there is no load event to wait for.
        for (var attempt = 0; attempt < 60 && !page.Url.Contains("view=global", StringComparison.Ordinal); attempt++)
            await Task.Delay(500);
        Assert.Contains("view=global", page.Url, StringComparison.Ordinal);
        await page.GetByText("Global classes: each post is ranked").WaitForAsync();
        Assert.False(await rolling.IsCheckedAsync());

        var chart = page.Locator("[data-testid=popularity-chart-images] .js-plotly-plot");
        var counts = await WaitForPointsAsync(chart);
        Assert.True(counts.Sum(c => c.Points) > 100);
        await page.CloseAsync();
    }

    private static async Task<List<TraceCount>> WaitForPointsAsync(ILocator chart)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var json = await chart.EvaluateAsync<string>("el => JSON.stringify((el.data || []).map(t => ({ Name: t.name, Points: (t.y || []).filter(v => v !== null).length })))");
            var counts = JsonSerializer.Deserialize<List<TraceCount>>(json) ?? [];
            if (counts.Sum(c => c.Points) > 0)
                return counts;
            await Task.Delay(500);
        }
        return [];
    }

    private sealed record TraceCount(string? Name, int Points);
}
