using System.Net.Http.Json;
using Insights.Dashboard.Components;
using Insights.Inference.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Insights.E2E;

[Collection(DashboardCollection.Name)]
public sealed class PagesTests(DashboardServerFixture server)
{
    [Fact]
    public async Task Overview_ShowsTheDemoKpisAndCharts()
    {
        var page = await server.OpenAsync("/?profile=demo");
        var kpis = page.Locator("[data-testid=kpi]");
        await kpis.First.WaitForAsync();
        await page.Locator("[data-testid=followers-chart] .js-plotly-plot").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await DashboardServerFixture.SaveScreenshotAsync(page, "overview.png");

        Assert.Equal(4, await kpis.CountAsync());
        var posts = await kpis.Nth(0).Locator(".kpi-value").InnerTextAsync();
        Assert.True(int.Parse(posts.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 1000, $"posts KPI was {posts}");
        Assert.Contains("n = ", await kpis.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Posts_ListsPostsAndOpensTheDetailDrawer()
    {
        var posts = await server.Http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/profiles/demo/posts");
        var newest = posts!.OrderByDescending(p => p.GetProperty("publishedUtc").GetDateTime()).Select(p => p.GetProperty("id").GetString()!).ToList();
        var page = await server.OpenAsync("/posts?profile=demo");
        var rows = page.Locator("[data-testid=posts-grid] tbody tr.mud-table-row");
        await rows.First.WaitForAsync();
        Assert.True(await rows.CountAsync() > 5);
        // The grid asks the server for the rows it shows: the newest post comes first, then the next newest.
        Assert.Equal(newest[0], await rows.Nth(0).Locator("td").Nth(1).InnerTextAsync());
        Assert.Equal(newest[1], await rows.Nth(1).Locator("td").Nth(1).InnerTextAsync());

        // The search runs in the database: one post's id leaves that post alone in the grid.
        await page.Locator("[data-testid=posts-grid] input[placeholder='Search id or caption']").FillAsync(newest[5]);
        await Assertions.Expect(rows).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
        Assert.Equal(newest[5], await rows.Nth(0).Locator("td").Nth(1).InnerTextAsync());

        await rows.First.ClickAsync();
        var detail = page.Locator("[data-testid=post-detail]");
        await detail.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "posts.png") });
        Assert.Contains("Followers at publish time", await detail.InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Import_UploadOfABadFile_ShowsEveryErrorWithLineAndColumn()
    {
        var page = await server.OpenAsync("/import?profile=demo");
        await page.Locator("input[data-testid=import-profile]").FillAsync("e2e-import");
        var csv = "Post ID,Publish time,Likes,Comments\nA1,2024-01-05T10:00:00Z,10,2\nA2,not a date,5,1\nA3,2024-01-07T10:00:00Z,many,1\n";
        await page.Locator("[data-testid=import-input]").SetInputFilesAsync(new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.Locator("[data-testid=import-preview]").WaitForAsync();
        await page.Locator("[data-testid=import-start]").ClickAsync();

        var errors = page.Locator("[data-testid=import-errors] tbody tr");
        await errors.First.WaitForAsync();
        await DashboardServerFixture.SaveScreenshotAsync(page, "import-errors.png");
        Assert.Equal(2, await errors.CountAsync());
        var first = await errors.Nth(0).InnerTextAsync();
        Assert.Contains("3", first, StringComparison.Ordinal);
        Assert.Contains("Publish time", first, StringComparison.Ordinal);
        Assert.Contains("Likes", await errors.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Labels_ShowThePlantedTopicEffect_WithItsNAndInterval()
    {
        // The simulator plants x1.20 on 'behind-the-scenes' and x0.90 on 'product' (data/demo/truth.json).
        // Once the start-up fetch of the pins is over (this waits for it), charts draw with the cartesian plotly.js bundle.
        await server.Services.GetRequiredService<ModelStore>().FetchPinnedPackagesAsync();
        var page = await server.OpenAsync("/labels?profile=demo&category=topic");
        var rows = page.Locator("[data-testid=labels-table] tbody tr");
        await rows.First.WaitForAsync();
        await page.Locator("[data-testid=labels-box-chart] .js-plotly-plot").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        // One box drawn per value of the table (the server sends each box's quartiles and whiskers, not its posts).
        await Assertions.Expect(page.Locator("[data-testid=labels-box-chart] .boxlayer .trace.boxes path.box"))
            .ToHaveCountAsync(await rows.CountAsync(), new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
        await DashboardServerFixture.SaveScreenshotAsync(page, "labels.png");
        // The boxes came from the pinned cartesian bundle (1.4 MB unpacked), not Plotly.Blazor's full one (4.8 MB).
        var bundleBytes = await page.EvaluateAsync<double>(
            "url => performance.getEntriesByType('resource').filter(e => e.name.endsWith(url)).map(e => e.decodedBodySize)[0] ?? -1", App.PlotlyScript);
        Assert.InRange(bundleBytes, 1_000_000, 2_000_000);

        var behind = await rows.Filter(new LocatorFilterOptions { HasText = "behind-the-scenes" }).InnerTextAsync();
        var product = await rows.Filter(new LocatorFilterOptions { HasText = "product" }).InnerTextAsync();
        Assert.True(Lift(behind) > 1, behind);
        Assert.True(Lift(product) < 1, product);
        // In words first, with its n.
        Assert.Matches(@"Posts where topic is Behind-the-scenes did \d+% better than the profile's typical post, n = [\d,]+",
            await page.Locator("[data-testid=labels-in-words]").InnerTextAsync());
        await page.CloseAsync();
    }

    // The lift is the first number with two decimals after the n and the median's three-decimal figures.
    private static double Lift(string rowText) =>
        System.Text.RegularExpressions.Regex.Matches(rowText, @"(?<![\d.])\d\.\d\d(?!\d)")
            .Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).First();
}
