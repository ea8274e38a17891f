using Microsoft.Playwright;

namespace Insights.Dashboard.Tests.Hosting;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright as in the E2E project, signed in through the sign-in form at an
/// address (nginx's, in the scale-out test) so its Blazor circuit runs over the balancer's WebSocket. One page; disposing
/// closes the browser.
/// </summary>
internal sealed class NginxBrowser : IAsyncDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _address;

    private NginxBrowser(IPlaywright playwright, IBrowser browser, IPage page, Uri address)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        _address = address;
    }

    public IPage Page { get; }

    /// <summary>Where screenshots go: a folder beside the test binaries, as the E2E project keeps them.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Starts Chromium and signs in at <paramref name="address"/>/login with the form, as a person does.</summary>
    public static async Task<NginxBrowser> SignInAsync(Uri address, string email, string password)
    {
        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            var page = await context.NewPageAsync();
            // A loaded 2-core machine labelling with two workers answers slowly; these are waits, not duration checks.
            page.SetDefaultTimeout(120_000);
            var signedIn = new NginxBrowser(playwright, browser, page, address);
            await signedIn.OpenAsync("/login");
            await page.Locator("#email").FillAsync(email);
            await page.Locator("#password").FillAsync(password);
            await page.Locator("form[data-testid=login-form] button[type=submit]").ClickAsync();
            await signedIn.InteractiveAsync();
            return signedIn;
        }
        catch
        {
            if (browser is not null)
                await browser.CloseAsync();
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens a page of the app and waits until its circuit is live (the layout's interactive marker).</summary>
    public async Task OpenAsync(string pathAndQuery)
    {
        await Page.GotoAsync(new Uri(_address, pathAndQuery).ToString());
        if (!pathAndQuery.StartsWith("/login", StringComparison.Ordinal))
            await InteractiveAsync();
    }

    /// <summary>Saves a full-page screenshot as <paramref name="name"/> in <see cref="ScreenshotDirectory"/>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private Task InteractiveAsync() =>
        Page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
