using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Insights.E2E;

/// <summary>
/// The real app on a Kestrel loopback port with a fresh database that imports the real demo
/// profile on first start, plus Debian's Chromium driven by Playwright.
/// </summary>
public sealed class DashboardServerFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"];

    // INSIGHTS_E2E_DATA keeps the data directory (and the demo's labels) between local runs.
    private static readonly string? KeptDataDirectory = Environment.GetEnvironmentVariable("INSIGHTS_E2E_DATA");

    private readonly string _dataDirectory = KeptDataDirectory ?? Path.Combine(Path.GetTempPath(), "insights-e2e-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Where tests leave screenshots for people to look at.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        // INSIGHTS_E2E_DEMO points the run at another demo folder (for trying a new data set).
        var demoFolder = Environment.GetEnvironmentVariable("INSIGHTS_E2E_DEMO") ?? Path.Combine(RepositoryRoot(), "data", "demo");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Storage:DataDirectory", _dataDirectory);
            builder.UseSetting("Demo:ImportOnFirstStart", "true");
            builder.UseSetting("Demo:Folder", demoFolder);
            // The demo is labelled by the real models in the background while tests that need no labels run;
            // the others wait for it with WaitForLabelsAsync.
            builder.UseSetting("Inference:PrepareOnStart", "true");
            builder.UseSetting("Annotation:Enabled", "true");
            builder.UseEnvironment("Development");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        Http = new HttpClient { BaseAddress = BaseAddress };
        await WaitForDemoAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        try
        {
            if (KeptDataDirectory is null)
                Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by SQLite's pool is cleaned with the temp folder later.
        }
    }

    public async Task<IPage> NewPageAsync()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Opens a page of the app and waits until its Blazor circuit is live, so clicks and uploads reach it.</summary>
    public async Task<IPage> OpenAsync(string pathAndQuery)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(BaseAddress, pathAndQuery).ToString());
        await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>
    /// Waits until every demo media file has labels of the current models (minutes on a 2-core machine,
    /// once per run: the whole collection shares this server).
    /// </summary>
    public async Task WaitForLabelsAsync()
    {
        var services = _factory!.Services;
        var store = services.GetRequiredService<Insights.Analytics.Annotations.AnnotationStore>();
        var version = services.GetRequiredService<Insights.Inference.Vision.MediaAnnotator>().Version;
        var jobs = services.GetRequiredService<Insights.Analytics.Jobs.JobQueue>();
        var deadline = DateTime.UtcNow.AddMinutes(40);
        while (DateTime.UtcNow < deadline)
        {
            var recent = await jobs.RecentAsync(null, "annotate", 1);
            if (recent is [{ Status: Insights.Analytics.Jobs.JobStatus.Failed }])
                throw new InvalidOperationException("Labelling the demo failed: " + recent[0].Error);
            var progress = await store.ProgressAsync(version);
            if (progress.Assets > 0 && progress.Pending == 0 && recent is not [{ Status: Insights.Analytics.Jobs.JobStatus.Queued or Insights.Analytics.Jobs.JobStatus.Running }])
                return;
            await Task.Delay(1000);
        }
        throw new TimeoutException("The demo media were not labelled within 40 minutes.");
    }

    private async Task WaitForDemoAsync()
    {
        // The demo import runs as a background job after start; wait for its posts (generously: CI machines are slow).
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var profiles = await Http.GetFromJsonAsync<List<ProfileItem>>("/api/profiles");
            if (profiles?.FirstOrDefault(p => p.Name == "demo") is { PostCount: > 0 } && await MediaImportedAsync())
                return;
            await Task.Delay(500);
        }
        throw new TimeoutException("The demo profile was not imported within 5 minutes.");
    }

    private async Task<bool> MediaImportedAsync()
    {
        var jobs = _factory!.Services.GetRequiredService<Insights.Analytics.Jobs.JobQueue>();
        var recent = await jobs.RecentAsync(null, "demo-import", 1);
        if (recent.Count == 1 && recent[0].Status == Insights.Analytics.Jobs.JobStatus.Failed)
            throw new InvalidOperationException("The demo import failed: " + recent[0].Error);
        return recent.Count == 1 && recent[0].Status == Insights.Analytics.Jobs.JobStatus.Succeeded;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Insights.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException("Insights.sln not found above the test folder.");
    }

    private sealed record ProfileItem(int Id, string Name, string Platform, int PostCount);
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServerFixture>
{
    public const string Name = "dashboard";
}
