using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Insights.Analytics.Caching;
using Insights.Analytics.Storage;
using Insights.Benchmarks.Analytics;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Benchmarks.Dashboard;

/// <summary>
/// Every data page of one generated profile (100,000 posts by default; <c>--posts 100000,1000000</c> runs several sizes)
/// opened in headless Chromium against the app started as its own process: the time from navigation to the page's main
/// chart or table (or its empty state), on a first visit (the browser's cache cold, the server just started) and warm
/// (the median of later visits in the same browser context), and reached in the app (the client-side navigation a nav link
/// makes, from the Reports page, in the same circuit). Each is timed twice: by the test driver (from the navigation's
/// request to the content's first visible match, Playwright's round trips included) and by the browser's own clock (from
/// the navigation's start to the first frame painted after the content arrived). Prints one table per size;
/// <c>--breakdown</c> adds, for the first and warm visits, when the server's answer came, the page was parsed, the circuit
/// went live and plotly.js ran. The server prepares its largest profiles' shared entries in the background from its start
/// (the page cache warmer), as in use; <c>--cold</c> turns that off, so each first visit computes what it reads.
/// </summary>
internal static class PagesBenchmark
{
    private const int Port = 5073;

    // What "the main content" is on each page: its chart drawn, its first table row, or the state it shows instead.
    private static readonly (string Path, string Main)[] Pages =
    [
        ("/", ".mud-main-content .js-plotly-plot .main-svg, [data-testid=overview-empty-range]"),
        ("/posts", "[data-testid=posts-grid] tbody tr.mud-table-row"),
        ("/popularity", ".mud-main-content .js-plotly-plot .main-svg"),
        ("/labels", "[data-testid=labels-box-chart] .boxlayer path.box, [data-testid=labels-statistics]"),
        ("/drivers", "[data-testid=drivers-importance], [data-testid=drivers-empty], [data-testid=drivers-coverage]"),
        ("/best-times", "[data-testid=best-times-heatmap], [data-testid=best-times-empty]"),
        ("/compare", "[data-testid=compare-headline], [data-testid=compare-empty]"),
        ("/recommend", "[data-testid=recommend-suggestions], [data-testid=recommend-none], [data-testid=recommend-working]"),
        ("/hashtags", "[data-testid=hashtags-summary], [data-testid=hashtags-empty], [data-testid=hashtags-none]"),
        ("/map", "[data-testid=map-chart] .main-svg, [data-testid=map-empty], [data-testid=map-coverage]"),
        ("/library", "[data-testid=library-card], [data-testid=library-empty]"),
        ("/taxonomy", "[data-testid=taxonomy-summary], [data-testid=taxonomy-empty]"),
        ("/model", "[data-testid=model-coverage], [data-testid=model-empty], [data-testid=model-training]"),
        ("/reports", "[data-testid=report-generate]"),
    ];

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"];

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = BenchmarkArgs.String(args, "--posts", "100000")!.Split(',').Select(int.Parse).ToList();
        var media = BenchmarkArgs.Int(args, "--media", 20_000);
        var warmVisits = BenchmarkArgs.Int(args, "--warm", 3);
        var cacheMegabytes = BenchmarkArgs.Int(args, "--cache-mb", 0); // 0: the app's default, sized to the machine
        var only = BenchmarkArgs.String(args, "--pages", null)?.Split(',');
        var screenshots = BenchmarkArgs.String(args, "--screenshots", null);
        // --cold: the server prepares nothing in the background, so a page's first visit computes everything it reads
        var serverArgs = args.Contains("--cold") ? new[] { "--role", "web", "--Cache:WarmProfiles=0" } : ["--role", "web"];
        var dll = Path.Combine(ScaleServerRun.RepositoryRoot(), "src", "Dashboard", "bin", "Release", "net10.0", "Insights.Dashboard.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine($"pages: {dll} is not built (dotnet build -c Release src/Dashboard)");
            return 1;
        }
        foreach (var posts in sizes)
        {
            BenchmarkArgs.Header($"pages: one profile of {posts:N0} posts ({Math.Min(media, posts):N0} with a labelled image), first and warm visits in headless Chromium");
            Console.WriteLine("   SYNTHETIC DATA: posts and label rows written straight into the database; no model trained, so model pages show their empty states;");
            Console.WriteLine("   the app runs as a web instance (--role web): no background job runs while pages are timed.");
            Console.WriteLine(args.Contains("--cold")
                ? "   --cold: the server prepares nothing at start; each first visit computes what it reads."
                : "   the server prepares the profile's shared entries from its start (Cache:WarmProfiles), as in use; --cold turns that off.");
            Console.WriteLine(cacheMegabytes > 0
                ? $"   cache budget {cacheMegabytes:N0} MiB (--cache-mb)."
                : $"   cache budget: the app's default, {new CacheOptions().BudgetBytes / (1024 * 1024):N0} MiB on this machine (--cache-mb sets one).");
            var directory = Path.Combine(Path.GetTempPath(), "insights-pages-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(directory);
            try
            {
                var clock = Stopwatch.StartNew();
                await using (var services = ScaleBenchmark.Services(directory, cacheMegabytes))
                {
                    await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                    await ScaleBenchmark.GenerateAsync(Path.Combine(directory, "insights.db"), 1, posts, Math.Min(media, posts));
                }
                SqliteConnection.ClearAllPools();
                Console.WriteLine($"   generated in {clock.Elapsed.TotalSeconds:F0} s");
                await MeasureAsync(dll, directory, cacheMegabytes, warmVisits, only, screenshots, serverArgs, args.Contains("--breakdown"));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                if (!args.Contains("--keep"))
                    Directory.Delete(directory, recursive: true);
            }
        }
        return 0;
    }

    private static async Task MeasureAsync(string dll, string directory, int cacheMegabytes, int warmVisits, string[]? only, string? screenshots, string[] serverArgs, bool breakdown)
    {
        // The first start creates the admin the browser signs in as; the measured start finds everything cold.
        using (var first = ScaleServerRun.Start(dll, directory, cacheMegabytes, Port))
        {
            await ScaleServerRun.WaitAsync(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") }, "/healthz", null, Stopwatch.StartNew());
            ScaleServerRun.Stop(first);
        }
        // A web instance runs no background jobs, so model training does not share the cores with the pages measured.
        using var server = ScaleServerRun.Start(dll, directory, cacheMegabytes, Port, serverArgs);
        var baseAddress = new Uri($"http://127.0.0.1:{Port}");
        await ScaleServerRun.WaitAsync(new HttpClient { BaseAddress = baseAddress }, "/healthz", null, Stopwatch.StartNew());
        // An app left running on the port by an interrupted run would answer instead, and be the one measured.
        if (server.HasExited)
            throw new InvalidOperationException($"The app exited at start (exit code {server.ExitCode}); is port {Port} taken?");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        var session = await SignInAsync(browser, baseAddress);

        Console.WriteLine($"   {"",-12} {"driver's clock",-38} {"browser's clock",-38}");
        Console.WriteLine($"   {"page",-12} {"first visit",12} {"warm (median)",14} {"in app",10} {"first visit",12} {"warm (median)",14} {"in app",10}  main content");
        foreach (var (path, main) in Pages.Where(p => only is null || only.Contains(p.Path)))
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
                StorageState = session,
            });
            await context.AddInitScriptAsync($"window.__main = {JsonSerializer.Serialize(main)};\n{StagesScript}");
            var page = await context.NewPageAsync();
            var url = new Uri(baseAddress, $"{path}?profile=scale-1").ToString();
            var stages = new List<string>();
            var first = await TimeToMainAsync(page, url, main);
            var firstInPage = await PaintedAsync(page);
            if (breakdown)
                stages.Add("first: " + await StagesAsync(page));
            var warm = new List<double>();
            var warmInPage = new List<double>();
            for (var visit = 0; visit < warmVisits; visit++)
            {
                warm.Add(await TimeToMainAsync(page, url, main));
                warmInPage.Add(await PaintedAsync(page));
                if (breakdown)
                    stages.Add("warm:  " + await StagesAsync(page));
            }
            var inApp = new List<double>();
            var inAppInPage = new List<double>();
            if (path != "/reports")
            {
                for (var visit = 0; visit < warmVisits; visit++)
                {
                    var (driver, browserClock) = await InAppAsync(page, new Uri(baseAddress, "/reports?profile=scale-1").ToString(), $"{path}?profile=scale-1", main);
                    inApp.Add(driver);
                    inAppInPage.Add(browserClock);
                }
            }
            Console.WriteLine($"   {path,-12} {Shown(first),12} {Median(warm),14} {Median(inApp),10} {Shown(firstInPage),12} {Median(warmInPage),14} {Median(inAppInPage),10}  {main}");
            foreach (var line in stages)
                Console.WriteLine($"      {line}");
            if (screenshots is not null)
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, (path.Trim('/') is { Length: > 0 } name ? name : "overview") + ".png") });
        }
        Console.WriteLine($"   server peak RSS {ScaleServerRun.PeakRssMegabytes(server):N0} MB");
        ScaleServerRun.Stop(server);
    }

    private static string Shown(double milliseconds) => double.IsNaN(milliseconds) ? "not shown" : $"{milliseconds:N0} ms";

    private static string Median(List<double> milliseconds) =>
        milliseconds.Count == 0 ? "-" : milliseconds.Any(double.IsNaN) ? "not shown" : $"{BenchmarkArgs.Median(milliseconds):N0} ms";

    // Records on the browser's clock (milliseconds from the navigation's start) when the main content was first painted
    // (the first frame after it arrived in the page, so a chart's drawing, which holds the page's thread, is counted), when
    // the circuit went live, when Plotly.Blazor added the plotly.js script and when that script had run.
    private const string StagesScript = """
        window.__stages = {};
        window.__painted = (callback) => requestAnimationFrame(() => setTimeout(() => callback(performance.now())));
        new MutationObserver(() => {
            const s = window.__stages;
            if (!s.arrived && document.querySelector(window.__main)) {
                s.arrived = performance.now();
                window.__painted(at => s.main = at);
            }
            s.live ??= document.querySelector('#app-state[data-interactive=true]') ? performance.now() : undefined;
            s.plotlyAdded ??= document.querySelector('head script[src*=plotly]') ? performance.now() : undefined;
        }).observe(document, { subtree: true, childList: true, attributes: true });
        let plotly;
        Object.defineProperty(window, 'Plotly', { configurable: true, get: () => plotly, set: v => { plotly = v; window.__stages.plotlyRan ??= performance.now(); } });
        """;

    /// <summary>When the main content was first painted, on the browser's clock; waits for the frame if it is still to come.</summary>
    private static async Task<double> PaintedAsync(IPage page) =>
        await page.EvaluateAsync<double?>("""
            () => new Promise(resolve => {
                const poll = () => window.__stages?.main !== undefined ? resolve(window.__stages.main) : setTimeout(poll, 10);
                poll();
                setTimeout(() => resolve(null), 10000);
            })
            """) ?? double.NaN;

    private static Task<string> StagesAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
            const n = performance.getEntriesByType('navigation')[0];
            const s = window.__stages;
            const at = v => v === undefined ? '-' : Math.round(v).toLocaleString('en-US');
            const plotly = performance.getEntriesByType('resource').find(r => r.name.includes('plotly-3'));
            return `answer ${at(n.responseStart)}-${at(n.responseEnd)} ms, parsed ${at(n.domContentLoadedEventEnd)}, live ${at(s.live)}, `
                + `plotly.js fetched ${at(plotly?.responseEnd)}, added ${at(s.plotlyAdded)}, ran ${at(s.plotlyRan)}, main arrived ${at(s.arrived)}, painted ${at(s.main)}`;
        }
        """);

    /// <summary>
    /// The page reached as a nav link reaches it: from <paramref name="from"/>, live, a client-side navigation in the same
    /// circuit. Milliseconds until the first visible match of <paramref name="main"/>, by the driver and by the browser.
    /// </summary>
    private static async Task<(double Driver, double Browser)> InAppAsync(IPage page, string from, string to, string main)
    {
        await page.GotoAsync(from, new PageGotoOptions { Timeout = 60_000 });
        await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        var clock = Stopwatch.StartNew();
        var inPage = page.EvaluateAsync<double?>("""
            ([to, main]) => new Promise(resolve => {
                const start = performance.now();
                const shown = () => [...document.querySelectorAll(main)].some(e => e.checkVisibility());
                const observer = new MutationObserver(() => {
                    if (shown()) {
                        observer.disconnect();
                        window.__painted(at => resolve(at - start));
                    }
                });
                observer.observe(document, { subtree: true, childList: true, attributes: true });
                setTimeout(() => { observer.disconnect(); resolve(null); }, 60000);
                Blazor.navigateTo(to);
            })
            """, new object[] { to, main });
        try
        {
            await page.Locator(main).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            return (double.NaN, double.NaN);
        }
        var driver = clock.Elapsed.TotalMilliseconds;
        return (driver, await inPage ?? double.NaN);
    }

    /// <summary>Milliseconds from the navigation's start to the first visible match of <paramref name="main"/>; NaN after 60 s.</summary>
    private static async Task<double> TimeToMainAsync(IPage page, string url, string main)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        try
        {
            await page.Locator(main).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
            return clock.Elapsed.TotalMilliseconds;
        }
        catch (TimeoutException)
        {
            return double.NaN;
        }
    }

    private static async Task<string> SignInAsync(IBrowser browser, Uri baseAddress)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, "/login").ToString());
        await page.Locator("#email").FillAsync(ScaleServerRun.AdminEmail);
        await page.Locator("#password").FillAsync(ScaleServerRun.AdminPassword);
        await page.Locator("form[data-testid=login-form] button[type=submit]").ClickAsync();
        await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        return await context.StorageStateAsync();
    }
}
