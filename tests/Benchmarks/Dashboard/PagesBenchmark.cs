using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Insights.Analytics.Storage;
using Insights.Benchmarks.Analytics;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Benchmarks.Dashboard;

/// <summary>
/// Every data page of one generated profile (100,000 posts by default; <c>--posts 100000,1000000</c> runs several sizes)
/// opened in headless Chromium against the app started as its own process: the time from navigation to the page's main
/// chart or table (or its empty state), on a first visit (the browser's cache cold, the server just started) and warm
/// (the median of later visits in the same browser context). Prints one table per size. The server prepares its largest
/// profiles' shared entries in the background from its start (the page cache warmer), as in use; <c>--cold</c> turns that
/// off, so each first visit computes what it reads.
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
        var cacheMegabytes = BenchmarkArgs.Int(args, "--cache-mb", 1024);
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
                await MeasureAsync(dll, directory, cacheMegabytes, warmVisits, only, screenshots, serverArgs);
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

    private static async Task MeasureAsync(string dll, string directory, int cacheMegabytes, int warmVisits, string[]? only, string? screenshots, string[] serverArgs)
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

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        var session = await SignInAsync(browser, baseAddress);

        Console.WriteLine($"   {"page",-12} {"first visit",12} {"warm (median)",14}  main content");
        foreach (var (path, main) in Pages.Where(p => only is null || only.Contains(p.Path)))
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
                StorageState = session,
            });
            var page = await context.NewPageAsync();
            var url = new Uri(baseAddress, $"{path}?profile=scale-1").ToString();
            var first = await TimeToMainAsync(page, url, main);
            var warm = new List<double>();
            for (var visit = 0; visit < warmVisits; visit++)
                warm.Add(await TimeToMainAsync(page, url, main));
            var warmText = warm.Any(double.IsNaN) ? "not shown" : $"{BenchmarkArgs.Median(warm):N0} ms";
            Console.WriteLine($"   {path,-12} {Shown(first),12} {warmText,14}  {main}");
            if (screenshots is not null)
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, (path.Trim('/') is { Length: > 0 } name ? name : "overview") + ".png") });
        }
        Console.WriteLine($"   server peak RSS {ScaleServerRun.PeakRssMegabytes(server):N0} MB");
        ScaleServerRun.Stop(server);
    }

    private static string Shown(double milliseconds) => double.IsNaN(milliseconds) ? "not shown" : $"{milliseconds:N0} ms";

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
