using Microsoft.Playwright;

namespace Insights.E2E;

[Collection(DashboardCollection.Name)]
public sealed class PredictPageTests(DashboardServerFixture server)
{
    private static string DemoMedia(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "data", "demo", "media", name);
            if (File.Exists(path))
                return path;
        }
        throw new FileNotFoundException(name);
    }

    [Fact]
    public async Task TwoDrafts_GetTwoRankedCards_WithClassTrackRecordHeatmapAndSimilarPosts()
    {
        await server.WaitForLabelsAsync();
        // the classifier job follows the labels; the page says so until its model is saved
        var page = await server.OpenAsync("/predict?profile=demo");
        for (var attempt = 0; attempt < 120 && await page.Locator("[data-testid=model-record]").CountAsync() == 0; attempt++)
        {
            await Task.Delay(5000);
            await page.ReloadAsync();
            await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        }
        var record = page.Locator("[data-testid=model-record]");
        await record.WaitForAsync();
        Assert.Contains("Always guessing the commonest class", await record.InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("[data-testid=predict-upload] input[type=file]").SetInputFilesAsync([DemoMedia("img_0101.jpg"), DemoMedia("img_0202.jpg")]);

        var cards = page.Locator("[data-testid=draft-card]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=draft-card] [data-testid=draft-class]').length === 2", null,
            new PageWaitForFunctionOptions { Timeout = 120_000 });
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=draft-heatmap] img')].every(i => i.complete && i.naturalWidth > 0)", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=similar-post] img')].every(i => i.complete && i.naturalWidth > 0) " +
            "&& [...document.querySelectorAll('[data-testid=similar-post] video')].every(v => v.readyState >= 2)", null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        await DashboardServerFixture.SaveScreenshotAsync(page, "predict.png");

        Assert.Equal(2, await cards.CountAsync());
        Assert.Equal(["#1", "#2"], await page.Locator("[data-testid=draft-rank]").AllInnerTextsAsync());
        var percentiles = (await page.Locator("[data-testid=draft-percentile]").AllInnerTextsAsync())
            .Select(p => int.Parse(new string([.. p.TakeWhile(char.IsDigit)]), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(percentiles[0] >= percentiles[1], $"cards not ranked: {string.Join(", ", percentiles)}");
        for (var i = 0; i < 2; i++)
        {
            var card = cards.Nth(i);
            var track = await card.Locator("[data-testid=draft-track-record]").InnerTextAsync();
            Assert.Contains("of unseen posts", track, StringComparison.Ordinal);
            Assert.Contains("always guessing the commonest class", track, StringComparison.Ordinal);
            Assert.Equal(2, await card.Locator("[data-testid=draft-heatmap] img").CountAsync());
            Assert.Equal(6, await card.Locator("[data-testid=similar-post]").CountAsync());
        }
        Assert.True(await page.Locator("[data-testid=past-drafts] tbody tr").CountAsync() >= 2);
        await page.CloseAsync();
    }
}
