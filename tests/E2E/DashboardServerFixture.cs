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
/// profile on first start, plus Debian's Chromium driven by Playwright. The browser signs in once as
/// the admin (through the login form) and every page opened with <see cref="OpenAsync"/> or
/// <see cref="NewPageAsync"/> reuses that session; <see cref="NewAnonymousPageAsync"/> has none.
/// </summary>
public class DashboardServerFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The admin the server starts with (Insights:Admin:*), and the password of every user tests create.</summary>
    public const string AdminEmail = "admin@e2e.local";

    public const string Password = "e2e password that is long";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"];

    // INSIGHTS_E2E_DATA keeps the data directory (and the demo's labels) between local runs.
    private static readonly string? KeptDataDirectory = Environment.GetEnvironmentVariable("INSIGHTS_E2E_DATA");

    private string _dataDirectory = "";
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private string? _storageState;
    private readonly CancellationTokenSource _stopping = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Where tests leave screenshots for people to look at.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// On a server that imports the demo into an empty data folder (always in CI): <see cref="FreshStartCheck"/>, run
    /// in the background from the start on, for a test to await. Null on a kept data folder, where labelling may be done.
    /// </summary>
    public Task? FreshStartChecked { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        _dataDirectory = ImportsTheDemo && KeepsData && KeptDataDirectory is not null ? KeptDataDirectory : Path.Combine(Path.GetTempPath(), "insights-e2e-" + Guid.NewGuid().ToString("N"));
        var startsFresh = !Directory.Exists(_dataDirectory) || !Directory.EnumerateFileSystemEntries(_dataDirectory).Any();
        // INSIGHTS_E2E_DEMO points the run at another demo folder (for trying a new data set).
        var demoFolder = Environment.GetEnvironmentVariable("INSIGHTS_E2E_DEMO") ?? Path.Combine(RepositoryRoot(), "data", "demo");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Storage:DataDirectory", _dataDirectory);
            builder.UseSetting("Demo:ImportOnFirstStart", ImportsTheDemo ? "true" : "false");
            builder.UseSetting("Demo:Folder", demoFolder);
            // The demo is labelled by the real models in the background while tests that need no labels run;
            // the others wait for it with WaitForLabelsAsync.
            builder.UseSetting("Inference:PrepareOnStart", ImportsTheDemo ? "true" : "false");
            builder.UseSetting("Annotation:Enabled", ImportsTheDemo ? "true" : "false");
            builder.UseSetting("Insights:Admin:Email", AdminEmail);
            builder.UseSetting("Insights:Admin:Password", Password);
            // What `dotnet run` gives people (the first launch profile): the browser tests see the production pipeline.
            builder.UseEnvironment("Production");
            // A free port of the loopback: without it Kestrel falls back to 5000, which parallel runs share.
            builder.UseSetting("urls", "http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        Http = new HttpClient { BaseAddress = BaseAddress };
        Http.DefaultRequestHeaders.Add(Insights.Dashboard.Accounts.ApiKeyService.Header, await AdminKeyAsync());
        await PrepareDataAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        _storageState = await SignInAsync(AdminEmail, Password);
        if (ImportsTheDemo && startsFresh)
            FreshStartChecked = Task.Run(() => FreshStartCheck.RunAsync(this, _stopping.Token));
    }

    /// <summary>Whether the server imports and labels the real demo on start (a subclass with its own small data says no).</summary>
    protected virtual bool ImportsTheDemo => true;

    /// <summary>Whether the demo's data folder may be the one INSIGHTS_E2E_DATA keeps between runs (a fresh start says no).</summary>
    protected virtual bool KeepsData => true;

    /// <summary>The running app's services, for tests that check the database behind what the page shows.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>The data the tests need, before the browser starts: by default the imported demo.</summary>
    protected virtual Task PrepareDataAsync() => WaitForDemoAsync();

    /// <summary>Creates (once) a user with these roles and profile grants, password <see cref="Password"/>.</summary>
    public async Task CreateUserAsync(string email, string[] roles, params string[] profiles)
    {
        var services = _factory!.Services;
        var accounts = services.GetRequiredService<Insights.Dashboard.Accounts.AccountService>();
        if (await accounts.FindByEmailAsync(email) is not null)
            return;
        var catalog = services.GetRequiredService<Insights.Analytics.Profiles.ProfileCatalog>();
        var ids = new List<int>();
        foreach (var name in profiles)
        {
            if (await catalog.FindAsync(name) is { } profile)
                ids.Add(profile.Id);
        }
        var result = await accounts.CreateAsync("e2e", email, Password, roles, ids);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>A page in a fresh browser context with no session (for the sign-in form itself).</summary>
    public async Task<IPage> NewAnonymousPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Close += (_, _) => CloseQuietly(context);
        return page;
    }

    // A page's own context goes with it; closing may race the browser's shutdown, which must not crash the run.
    private static void CloseQuietly(IBrowserContext context) =>
        _ = context.CloseAsync().ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);

    /// <summary>Fills and sends the sign-in form on <paramref name="page"/> (at /login) and waits for the page it leads to to go live.</summary>
    public static async Task SubmitLoginAsync(IPage page, string email, string password)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form[data-testid=login-form] button[type=submit]").ClickAsync();
        await page.Locator("#app-state[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    // Signs in once through the form; the cookie is reused by every page the tests open.
    private async Task<string> SignInAsync(string email, string password)
    {
        var page = await NewAnonymousPageAsync();
        await page.GotoAsync(new Uri(BaseAddress, "/login").ToString());
        await SubmitLoginAsync(page, email, password);
        var state = await page.Context.StorageStateAsync();
        await page.CloseAsync();
        return state;
    }

    private async Task<string> AdminKeyAsync()
    {
        var services = _factory!.Services;
        var admin = await services.GetRequiredService<Insights.Dashboard.Accounts.AccountService>().FindByEmailAsync(AdminEmail)
            ?? throw new InvalidOperationException($"The first admin {AdminEmail} was not created (a kept data folder of another admin?).");
        var (secret, _) = await services.GetRequiredService<Insights.Dashboard.Accounts.ApiKeyService>().CreateAsync(admin.Id, admin.Id, "e2e");
        return secret;
    }

    public async Task DisposeAsync()
    {
        // A run that left out the fresh-start test stops its check here; its outcome then concerns no test.
        await _stopping.CancelAsync();
        if (FreshStartChecked is not null)
            await FreshStartChecked.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        try
        {
            if (_dataDirectory != KeptDataDirectory)
                Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by SQLite's pool is cleaned with the temp folder later.
        }
    }

    /// <summary>A page signed in as the admin, in a window of <paramref name="viewport"/> (default 1400 x 1000).</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? new ViewportSize { Width = 1400, Height = 1000 },
            StorageState = _storageState,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Close += (_, _) => CloseQuietly(context);
        return page;
    }

    /// <summary>Resizes the page's window to <paramref name="width"/> x <paramref name="height"/> and saves a full-page screenshot as <paramref name="name"/> in <see cref="ScreenshotDirectory"/>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, int width, int height)
    {
        await page.SetViewportSizeAsync(width, height);
        await SaveScreenshotAsync(page, name);
    }

    /// <summary>
    /// Saves a full-page screenshot of the page as it is as <paramref name="name"/> in <see cref="ScreenshotDirectory"/>.
    /// Painting a long page took over 30 s while labelling held both cores, so it gets longer than the page's default.
    /// </summary>
    public static Task SaveScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name), FullPage = true, Timeout = 120_000 });

    /// <summary>Opens a page of the app and waits until its Blazor circuit is live, so clicks and uploads reach it.</summary>
    public async Task<IPage> OpenAsync(string pathAndQuery, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
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

    public static string RepositoryRoot()
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
