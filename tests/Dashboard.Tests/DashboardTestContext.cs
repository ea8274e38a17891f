using Bunit;
using Insights.Analytics.Extensions;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Profiles;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Extensions;
using Insights.Dashboard.Configuration;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Model;
using Insights.Inference.Extensions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Insights.Dashboard.Tests;

/// <summary>
/// The one bUnit context of the Dashboard tests: MudBlazor with loose JS interop (Plotly and MudBlazor
/// call JS that bUnit cannot run) and the real Analytics services over SQLite in a temp folder.
/// The user is an authorised admin, who passes every policy.
/// </summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    private string? _dataDirectory;

    /// <summary>The id of the signed-in admin every page sees.</summary>
    protected const string SignedInUserId = "admin-1";

    /// <summary>Registers what the pages and controls inject. Call once, from the test class's constructor.</summary>
    protected void AddTestServices()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();

        _dataDirectory = InsightsApiFixture.NewTempDirectory();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = _dataDirectory,
                ["Inference:PrepareOnStart"] = "false",
                ["Annotation:Enabled"] = "false",
            })
            .Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddAnalytics(_dataDirectory);
        Services.AddSingleton<JobProgressHub>();
        Services.AddInference();
        Services.AddOptions<AnnotationOptions>().BindConfiguration(AnnotationOptions.Section);
        Services.AddSingleton<Insights.Dashboard.Labels.PostLabelSource>();
        Services.AddSingleton<Insights.Dashboard.Labels.LibrarySource>();
        Services.AddSingleton<Insights.Dashboard.Labels.LabelRangeViews>();
        Services.AddSingleton(typeof(Insights.Dashboard.Caching.DerivedViews<,,>));
        Services.AddSingleton<IJobHandler, ImportJobHandler>();
        Services.AddSingleton(new DashboardPaths(_dataDirectory));
        Services.AddHttpContextAccessor();
        Services.AddSingleton<Insights.Dashboard.Labels.PostLabelSource>();
        Services.AddSingleton<Insights.Dashboard.Compare.CompareService>();
        Services.AddSingleton<Insights.Dashboard.Recommendations.RecommendationService>();
        Services.AddSingleton<Insights.Dashboard.Drivers.DriversStore>();
        Services.AddSingleton<Insights.Dashboard.Taxonomy.TaxonomyScheduler>();
        Services.AddSingleton<Insights.Dashboard.Reports.ReportService>();
        Services.AddSingleton<Insights.Dashboard.Reports.ReportSchedules>();
        Services.AddSingleton<IJobHandler, ReportJobHandler>();
        // Not started by bUnit; a test that needs background work starts it (StartJobRunnerAsync).
        Services.AddSingleton<JobRunner>();
        Services.AddSingleton<FreshnessService>();
        Services.AddSingleton<Insights.Dashboard.Classification.ClassifierStore>();
        Services.AddOptions<Insights.Dashboard.Drivers.DriversOptions>();
        Services.AddSingleton<Insights.Dashboard.Drivers.DriversStore>();
        Services.AddAccountsCore(_dataDirectory);
        var user = AddAuthorization();
        user.SetAuthorized(InsightsApiFixture.AdminEmail);
        user.SetRoles(Roles.Admin);
        user.SetPolicies([.. Policies.RolesOf.Keys]);
        user.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, SignedInUserId));
    }

    /// <summary>Renders from now on as <paramref name="email"/> holding only <paramref name="role"/> (and the policies it passes).</summary>
    protected void SignInAs(string email, string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetRoles(role);
        auth.SetPolicies([.. Policies.RolesOf.Where(p => p.Value.Contains(role)).Select(p => p.Key)]);
    }

    /// <summary>Migrates the database and starts the in-process worker, as the app does at start.</summary>
    protected async Task<JobRunner> StartJobRunnerAsync()
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await Services.GetRequiredService<AccountsDatabase>().InitializeAsync();
        var runner = Services.GetRequiredService<JobRunner>();
        await runner.StartAsync(CancellationToken.None);
        return runner;
    }

    /// <summary>Migrates the database, imports posts and followers into a new profile, and returns the filter a page would cascade.</summary>
    protected async Task<DashboardFilter> SeedProfileAsync(string name, string postsCsv, string? followersCsv = null, DateOnly? from = null, DateOnly? to = null)
    {
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await Services.GetRequiredService<AccountsDatabase>().InitializeAsync();
        var imports = Services.GetRequiredService<ImportService>();
        var profile = await imports.EnsureProfileAsync(name);
        var files = new List<(string, string)> { ("posts.csv", postsCsv) };
        if (followersCsv is not null)
            files.Add(("followers.csv", followersCsv));
        foreach (var (file, text) in files)
        {
            using var stream = new MemoryStream(TestFiles.Utf8(text));
            var report = await imports.ImportFileAsync(profile.Id, file, stream);
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        }
        var profiles = await Services.GetRequiredService<ProfileCatalog>().ListAsync();
        return new DashboardFilter(profiles.Single(p => p.Name == name), profiles, from, to);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls only Dispose on a test class; MudBlazor registers services that can only be disposed asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteData();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        DeleteData();
    }

    private void DeleteData()
    {
        if (Interlocked.Exchange(ref _dataDirectory, null) is not { } directory)
            return;
        SqliteConnection.ClearAllPools();
        InsightsApiFixture.DeleteDirectory(directory);
    }
}
