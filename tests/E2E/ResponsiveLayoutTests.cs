using System.Reflection;
using Insights.Inference.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Insights.E2E;

/// <summary>
/// Every page of the app at a phone's size (390 x 844) and a small laptop's (1280 x 720): nothing wider than the
/// window, no chart left blank, no error in the browser console. The pages come from the app's own routes, so a
/// new page is checked without touching this test.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ResponsiveLayoutTests(DashboardServerFixture server)
{
    // Static pages outside the layout (sign-in, access denied, the error page) are covered by their own tests.
    private static readonly string[] NotInTheLayout = ["/login", "/denied", "/error"];

    // A chart is blank when Plotly.Blazor's element exists but plotly.js never drew into it.
    private const string BlankCharts = "() => [...document.querySelectorAll('[id^=PlotlyChart]')].filter(e => !e.classList.contains('js-plotly-plot')).length";

    // What sticks out on the right, for the failure message.
    private const string WideElements = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.getClientRects().length > 0)
            .slice(0, 4).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 2).join('.')} ${Math.round(e.getBoundingClientRect().right)}px`)
        """;

    public static TheoryData<int, int> Sizes => new() { { 390, 844 }, { 1280, 720 } };

    public static IEnumerable<string> Routes() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Where(t => !t.Contains('{', StringComparison.Ordinal) && !NotInTheLayout.Contains(t))
            .Distinct()
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task EveryPage_FitsTheWindow_DrawsItsCharts_AndLogsNoError(int width, int height)
    {
        // No wait for the demo's labels: every page must fit and say something sensible in each state (labelling or done).
        // But the charts draw with the plotly.js bundle the app serves once its pins are fetched (this waits for that fetch).
        await server.Services.GetRequiredService<ModelStore>().FetchPinnedPackagesAsync();
        var problems = new List<string>();
        foreach (var route in Routes())
        {
            var page = await server.NewPageAsync(new ViewportSize { Width = width, Height = height });
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                    errors.Add(message.Text);
            };
            page.PageError += (_, error) => errors.Add(error);
            // Generous: pages that read every label are slow to prerender while the demo is being labelled on a busy machine.
            await page.GotoAsync(new Uri(server.BaseAddress, route + "?profile=demo").ToString(), new PageGotoOptions { Timeout = 120_000 });
            await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            try
            {
                // Let thumbnails and scripts arrive; a page that keeps fetching (a live job) is checked as it is.
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 20_000 });
            }
            catch (TimeoutException)
            {
            }
            try
            {
                await page.WaitForFunctionAsync($"() => ({BlankCharts})() === 0", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            }
            catch (TimeoutException)
            {
                problems.Add($"{route} at {width} px: {await page.EvaluateAsync<int>(BlankCharts)} chart(s) stayed blank");
            }
            var name = route == "/" ? "overview" : route.Trim('/').Replace('/', '-');
            await DashboardServerFixture.SaveScreenshotAsync(page, $"layout-{width}-{name}.png");

            // The top bar is fixed and clips what overflows it, so it is measured on its own.
            var barOverflow = await page.EvaluateAsync<int>("() => { const b = document.querySelector('.mud-appbar .mud-toolbar'); return b.scrollWidth - b.clientWidth; }");
            if (barOverflow > 0)
                problems.Add($"{route} at {width} px: the top bar overflows by {barOverflow} px");
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scrollWidth > width)
                problems.Add($"{route} at {width} px is {scrollWidth} px wide: {string.Join(", ", await page.EvaluateAsync<string[]>(WideElements))}");
            var text = await page.Locator(".mud-main-content").InnerTextAsync();
            if (text.Trim().Length < 40)
                problems.Add($"{route} at {width} px shows almost nothing: '{text.Trim()}'");
            problems.AddRange(errors.Select(e => $"{route} at {width} px logged: {e}"));
            await page.CloseAsync();
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task OnAPhone_TheTopBarFits_AndItsToggleShowsProfileRangeAndAccount()
    {
        var page = await server.OpenAsync("/?profile=demo", new ViewportSize { Width = 390, Height = 844 });
        var barWidth = await page.EvaluateAsync<int>("() => document.querySelector('.mud-appbar').scrollWidth");

        await page.Locator("[data-testid=context-toggle]").ClickAsync();
        var row = page.Locator("[data-testid=context-row]");
        await row.WaitForAsync();
        var allTime = row.Locator("[data-testid=row-presets] button", new LocatorLocatorOptions { HasText = "All time" });
        var allTimePressed = await allTime.GetAttributeAsync("aria-pressed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "phone-context-row.png") });
        await ClickUntilTheAddressHasAsync(page, row.Locator("[data-testid=row-presets] button", new LocatorLocatorOptions { HasText = "90 days" }), "from=");
        // The page re-renders after the address changes; wait for the mark to move rather than read it at once.
        await page.Locator("[data-testid=row-presets] button[aria-pressed=true]", new PageLocatorOptions { HasText = "90 days" }).WaitForAsync();
        var allTimeAfter = await allTime.GetAttributeAsync("aria-pressed");

        Assert.True(barWidth <= 390, $"the top bar is {barWidth} px wide");
        Assert.Equal("true", allTimePressed);
        Assert.Equal("false", allTimeAfter);
        Assert.True(await row.Locator("[data-testid=row-profile-select]").IsVisibleAsync());
        Assert.Equal(DashboardServerFixture.AdminEmail, await row.Locator("[data-testid=row-user-name]").InnerTextAsync());
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await page.CloseAsync();
    }

    // Once, on a busy 2-core run with labelling beside it, a click on a preset did not change the address in 30 s
    // (most likely it met a handler the server had just re-rendered away); a person would click again, and so does this.
    private static async Task ClickUntilTheAddressHasAsync(IPage page, ILocator button, string part)
    {
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => url.Contains(part, StringComparison.Ordinal),
                    new PageWaitForURLOptions { Timeout = 10_000, WaitUntil = WaitUntilState.Commit });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }
}
