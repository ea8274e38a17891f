using System.Collections.Concurrent;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Insights.E2E;

/// <summary>
/// Every page of the app under its real Content-Security-Policy in Chromium: no violation event, no CSP or script
/// error in the console, and the parts that need scripts (a plotly chart, a MudBlazor popover) still work.
/// </summary>
[Collection(SmallProfileCollection.Name)]
public sealed class ContentSecurityPolicyTests(SmallProfileServerFixture server, ITestOutputHelper output)
{
    private const string Query = "?profile=" + SmallProfileServerFixture.Profile;

    // Every routable page (the @page directives of src/Dashboard), signed in as the admin.
    private static readonly string[] Pages =
    [
        "/", "/posts", "/popularity", "/labels", "/drivers", "/best-times", "/compare", "/recommend", "/hashtags", "/map", "/library",
        "/custom-labels", "/taxonomy", "/model", "/predict", "/import", "/reports", "/admin/users", "/admin/keys", "/admin/audit",
    ];

    // Reports each violation to the test through a binding, from before the page's own scripts run.
    private const string ListenForViolations =
        "document.addEventListener('securitypolicyviolation', e => window.reportViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));";

    [Fact]
    public async Task EveryPage_RunsUnderThePolicy_WithoutAViolation()
    {
        var problems = new ConcurrentQueue<string>();
        foreach (var path in Pages)
        {
            var page = await server.NewPageAsync();
            await WatchAsync(page, path, problems);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = await page.GotoAsync(new Uri(server.BaseAddress, path + Query).ToString());
            Assert.Contains("script-src 'self' 'nonce-", response!.Headers["content-security-policy"], StringComparison.Ordinal);
            try
            {
                await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            }
            catch (TimeoutException)
            {
                problems.Enqueue($"{path}: the page did not become interactive within {clock.Elapsed.TotalSeconds:F0} s");
            }
            output.WriteLine($"{path}: interactive after {clock.Elapsed.TotalSeconds:F1} s");
            // Charts and lazy scripts load after the circuit starts; give them the time a person would.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.CloseAsync();
        }

        // The static pages (no circuit): the access-denied page and the sign-in form, sent.
        var denied = await server.NewPageAsync();
        await WatchAsync(denied, "/denied", problems);
        await denied.GotoAsync(new Uri(server.BaseAddress, "/denied").ToString());
        await denied.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await denied.CloseAsync();
        var login = await server.NewAnonymousPageAsync();
        await WatchAsync(login, "/login", problems);
        await login.GotoAsync(new Uri(server.BaseAddress, "/login").ToString());
        await DashboardServerFixture.SubmitLoginAsync(login, DashboardServerFixture.AdminEmail, DashboardServerFixture.Password);
        await login.CloseAsync();

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Charts_AndMudBlazorPopovers_WorkUnderThePolicy()
    {
        var problems = new ConcurrentQueue<string>();
        var page = await server.NewPageAsync();
        await WatchAsync(page, "/popularity", problems);
        await page.GotoAsync(new Uri(server.BaseAddress, "/popularity" + Query).ToString());
        await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        // A plotly chart drew its points (scatter markers are SVG paths once plotly.js ran).
        var points = page.Locator(".js-plotly-plot .scatterlayer .point");
        await points.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        Assert.True(await points.CountAsync() > 100);

        // A MudBlazor select opens its popover: MudBlazor's script runs.
        await page.Locator("[data-testid=base-select]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync();
        await DashboardServerFixture.SaveScreenshotAsync(page, "csp-popularity.png");
        await page.CloseAsync();

        Assert.Empty(problems);
    }

    private static async Task WatchAsync(IPage page, string path, ConcurrentQueue<string> problems)
    {
        await page.ExposeFunctionAsync("reportViolation", (string text) => problems.Enqueue($"{path}: {text}"));
        await page.AddInitScriptAsync(ListenForViolations);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("unsafe-eval", StringComparison.Ordinal)))
                problems.Enqueue($"{path}: console: {message.Text}");
        };
        page.PageError += (_, error) => problems.Enqueue($"{path}: script error: {error}");
    }
}
