using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Insights.Analytics.Vocabulary;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Insights.E2E;

[Collection(DashboardCollection.Name)]
public sealed class DriversPageTests(DashboardServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task DriversPage_OfTheLabelledDemo_DrawsImportance_AndFollowsThePickedFeature()
    {
        await server.WaitForLabelsAsync();
        await WaitForTrainedAsync();

        var page = await server.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") Console.WriteLine("[drivers-e2e] browser: " + message.Text); };
        // Figures, not assertions: the target is that the page opens in under 1 s on the demo once the model is trained.
        await MeasureOpenAsync(page, "first visit", () => page.GotoAsync(new Uri(server.BaseAddress, "/drivers?profile=demo").ToString()));
        // Again with the browser's cache warm (plotly.js and the app's scripts loaded once), as a returning analyst sees it.
        await MeasureOpenAsync(page, "reload, warm cache", () => page.ReloadAsync());
        // From another page of the app through the menu, as an analyst mostly arrives.
        await page.GotoAsync(new Uri(server.BaseAddress, "/?profile=demo").ToString());
        await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await MeasureOpenAsync(page, "from the menu", () => page.Locator("nav a[href^='drivers'], nav a[href^='/drivers']").First.ClickAsync());

        // The server-drawn importance chart saves as PNG in the browser.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=importance-png]").ClickAsync());
        var png = Path.Combine(Path.GetTempPath(), "insights-importance-" + Guid.NewGuid().ToString("N") + ".png");
        await download.SaveAsAsync(png);
        var bytes = await File.ReadAllBytesAsync(png);
        File.Delete(png);
        Assert.Equal("demo-importance.png", download.SuggestedFilename);
        Assert.True(bytes.Length > 5_000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', $"expected a PNG, got {bytes.Length} bytes");

        // The page opens with findings in plain words: on the labelled demo at least one feature stands clear of noise.
        var tiles = page.Locator("[data-testid=drivers-tile]");
        Assert.InRange(await tiles.CountAsync(), 1, 4);
        var tile = await tiles.First.InnerTextAsync();
        Assert.Matches(@"did (\d+% (better|worse)|[\d.]+ times as well|about as well) than the profile's typical post", tile);
        Assert.Matches(@"n = [\d,]+ of [\d,]+ posts; compared by the median", tile);
        Assert.DoesNotContain("_", tile, StringComparison.Ordinal);
        var tilesBox = (await page.Locator("[data-testid=drivers-tiles]").BoundingBoxAsync())!;
        var importanceBox = (await page.Locator("[data-testid=drivers-importance]").BoundingBoxAsync())!;
        Assert.True(tilesBox.Y < importanceBox.Y, "the tiles come before the statistics");

        Assert.Contains("explains", await page.Locator("[data-testid=drivers-summary]").InnerTextAsync(), StringComparison.Ordinal);
        var first = await page.Locator("[data-testid=drivers-pdp-panel]").GetAttributeAsync("data-feature");
        Assert.False(string.IsNullOrEmpty(first));
        await WaitForPdpAsync(page, first!);

        // Pick another feature: the URL and the plot follow.
        await page.Locator("[data-testid=drivers-feature-select]").ClickAsync();
        // The list shows display names; the panel and the URL carry the feature's code.
        await page.Locator(".mud-popover-open .mud-list-item").Nth(2).ClickAsync();
        var panel = page.Locator("[data-testid=drivers-pdp-panel]");
        for (var attempt = 0; attempt < 60 && await panel.GetAttributeAsync("data-feature") == first; attempt++)
            await Task.Delay(500);
        var picked = await panel.GetAttributeAsync("data-feature");
        Assert.False(string.IsNullOrEmpty(picked));
        Assert.NotEqual(first, picked);
        for (var attempt = 0; attempt < 60 && !page.Url.Contains("feature=" + Uri.EscapeDataString(picked!), StringComparison.Ordinal); attempt++)
            await Task.Delay(500);
        Assert.Contains("feature=" + Uri.EscapeDataString(picked!), page.Url, StringComparison.Ordinal);
        await WaitForPdpAsync(page, picked!);
        await page.Locator("[data-testid=drivers-pair] .js-plotly-plot").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Task.Delay(500);
        await DashboardServerFixture.SaveScreenshotAsync(page, "drivers.png");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ContentMap_OfTheLabelledDemo_DrawsEveryEmbeddedPost()
    {
        await server.WaitForLabelsAsync();
        await WaitForTrainedAsync();

        // The map is laid out after the drivers figures are stored, in the same job. Early training lays out maps of
        // the posts labelled so far; wait for the one laid out once labelling finished (the whole demo, over 1,000 rows).
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var csv = await server.Http.GetAsync("/api/profiles/demo/drivers/map.csv");
            if (csv.StatusCode == HttpStatusCode.OK && (await csv.Content.ReadAsStringAsync()).Count(c => c == '\n') > 1001)
                break;
            await Task.Delay(2000);
        }
        var page = await server.OpenAsync("/map?profile=demo");
        var chart = page.Locator("[data-testid=map-chart] .js-plotly-plot");
        await chart.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        var points = 0;
        for (var attempt = 0; attempt < 60 && points == 0; attempt++)
        {
            points = await chart.EvaluateAsync<int>("el => (el.data || []).reduce((n, t) => n + (t.x || []).length, 0)");
            if (points == 0) await Task.Delay(500);
        }
        Assert.True(points > 1000, $"expected the demo's posts on the map, got {points}");

        // The selection handler attaches once plotly.js has drawn the plot (it loads after the page on a first visit).
        for (var attempt = 0; attempt < 60 && !await chart.EvaluateAsync<bool>("el => el.__insightsSelected === true"); attempt++)
            await Task.Delay(500);
        Assert.True(await chart.EvaluateAsync<bool>("el => el.__insightsSelected === true"), "the map's selection handler was never attached");

        // Draw a lasso over the middle of the map: the panel reports the selected posts against the profile.
        var box = (await page.Locator("[data-testid=map-chart] .js-plotly-plot .nsewdrag").First.BoundingBoxAsync())!;
        double cx = box.X + box.Width / 2, cy = box.Y + box.Height / 2, r = Math.Min(box.Width, box.Height) / 4;
        await page.Mouse.MoveAsync((float)(cx + r), (float)cy);
        await page.Mouse.DownAsync();
        for (var k = 1; k <= 24; k++)
            await page.Mouse.MoveAsync((float)(cx + r * Math.Cos(k * Math.PI / 12)), (float)(cy + r * Math.Sin(k * Math.PI / 12)), new MouseMoveOptions { Steps = 2 });
        await page.Mouse.UpAsync();
        await page.GetByText("posts selected").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var selection = await page.Locator("[data-testid=map-selection]").InnerTextAsync();
        Assert.Contains("against the profile's", selection, StringComparison.Ordinal);
        var selected = int.Parse(System.Text.RegularExpressions.Regex.Match(selection, @"([\d,]+) posts selected").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(selected, 1, points - 1);

        await Task.Delay(500);
        await DashboardServerFixture.SaveScreenshotAsync(page, "map.png");

        // Hover a post's dot: its preview appears; click it: its post opens. The dot farthest from the centre, outside
        // the lasso (whose outline stays drawn and takes the clicks on it).
        var dot = await chart.EvaluateAsync<JsonElement>(
            "el => { const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis, r = el.getBoundingClientRect();" +
            " const cx = xa._length / 2, cy = ya._length / 2; let best = null, far = -1;" +
            " for (const t of el.data) for (let i = 0; i < t.x.length; i++) { const px = xa.l2p(t.x[i]), py = ya.l2p(t.y[i]), d = Math.hypot(px - cx, py - cy);" +
            "   if (d > far) { far = d; best = { x: r.left + xa._offset + px, y: r.top + ya._offset + py, id: t.text[i].split(' ')[0] }; } }" +
            " return best; }");
        float x = dot.GetProperty("x").GetSingle(), y = dot.GetProperty("y").GetSingle();
        var id = dot.GetProperty("id").GetString()!;
        await page.Mouse.MoveAsync(x - 3, y);
        await page.Mouse.MoveAsync(x, y, new MouseMoveOptions { Steps = 3 });
        var preview = page.Locator("[data-testid=map-preview]");
        for (var attempt = 0; attempt < 40 && !(await preview.InnerTextAsync()).StartsWith(id + " ·", StringComparison.Ordinal); attempt++)
            await Task.Delay(250);
        Assert.StartsWith(id + " ·", (await preview.InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await page.Mouse.ClickAsync(x, y);
        // Blazor navigates in the page (history.pushState): no load event to wait for.
        for (var attempt = 0; attempt < 60 && !page.Url.Contains("post=", StringComparison.Ordinal); attempt++)
            await Task.Delay(250);
        Assert.Contains("/posts", page.Url, StringComparison.Ordinal);
        Assert.Equal(id, Uri.UnescapeDataString(page.Url.Split("post=")[1].Split('&')[0]));
        await page.CloseAsync();
    }

    /// <summary>
    /// Logs how long the drivers page takes to read (R², summary and importance, drawn on the server) and until the
    /// partial dependence chart (plotly.js, in the browser) is drawn.
    /// </summary>
    private async Task MeasureOpenAsync(IPage page, string how, Func<Task> navigate)
    {
        var clock = Stopwatch.StartNew();
        await navigate();
        await page.Locator("[data-testid=drivers-importance] svg g[data-feature]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var readable = clock.ElapsedMilliseconds;
        await page.Locator("[data-testid=drivers-pdp] .js-plotly-plot .scatterlayer path").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        var charted = clock.ElapsedMilliseconds;
        var line = $"Drivers page, {how}: figures and importance shown {readable} ms, partial dependence drawn {charted} ms after navigation";
        output.WriteLine(line);
        Console.WriteLine("[drivers-e2e] " + line);
        if (how != "from the menu")
            Console.WriteLine("[drivers-e2e] timeline: " + await page.EvaluateAsync<string>(TimelineScript));
        await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>Where a page's first second goes: the HTML, the scripts and plotly.js (ms since navigation start).</summary>
    private const string TimelineScript = """
        () => {
            const nav = performance.getEntriesByType('navigation')[0];
            const parts = [`html ${Math.round(nav.responseEnd)}`, `domready ${Math.round(nav.domContentLoadedEventEnd)}`];
            for (const r of performance.getEntriesByType('resource'))
                if (/blazor\.web|plotly-[0-9.]+\.min|plotly-interop/.test(r.name))
                    parts.push(`${r.name.split('/').pop().split('?')[0]} ${Math.round(r.startTime)}-${Math.round(r.responseEnd)} (${Math.round(r.transferSize / 1024)} KiB)`);
            return parts.join(', ') + `, now ${Math.round(performance.now())}`;
        }
        """;

    /// <summary>Waits until the partial dependence plot's axis names <paramref name="feature"/> (a code) in words.</summary>
    private static async Task WaitForPdpAsync(IPage page, string feature)
    {
        var expected = Terms.Of(feature).NameWithUnit;
        var title = page.Locator("[data-testid=drivers-pdp] .js-plotly-plot .xtitle");
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (await title.CountAsync() > 0 && await title.First.TextContentAsync() == expected)
                return;
            await Task.Delay(500);
        }
        Assert.Equal(expected, await title.First.TextContentAsync());
    }

    /// <summary>The drivers job runs after labelling (minutes on a 2-core machine); the API answers 200 and not stale once it is done.</summary>
    private async Task WaitForTrainedAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(15);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await server.Http.GetAsync("/api/profiles/demo/drivers");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (!body.RootElement.GetProperty("stale").GetBoolean())
                    return;
            }
            await Task.Delay(2000);
        }
        throw new TimeoutException("The demo's drivers model was not trained within 15 minutes.");
    }
}
