using System.Text.Json;
using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// Runs before the server takes requests: migrates the database and, on a first start with an
/// empty database, creates the first admin and queues the demo profile's import (it then runs in the background with progress).
/// </summary>
public sealed class StartupInitializer(
    DatabaseInitializer database,
    AccountsDatabase accounts,
    ProfileCatalog profiles,
    JobQueue queue,
    IOptions<DemoOptions> demo,
    DashboardPaths paths,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        await accounts.InitializeAsync(cancellationToken);
        await accounts.EnsureFirstAdminAsync(cancellationToken);
        if (!demo.Value.ImportOnFirstStart || await profiles.AnyAsync(cancellationToken))
            return;
        if ((await queue.RecentAsync(null, DemoImportJobHandler.JobKind, 1, cancellationToken)).Count > 0)
            return;
        var folder = paths.Resolve(demo.Value.Folder);
        if (!File.Exists(Path.Combine(folder, "posts.csv")))
        {
            logger.LogWarning("No demo data at {Folder}; starting with an empty database", folder);
            return;
        }
        await queue.EnqueueAsync(DemoImportJobHandler.JobKind, $"Import the demo profile '{demo.Value.ProfileName}'", null,
            JsonSerializer.Serialize(new DemoImportPayload(demo.Value.ProfileName, folder)), cancellationToken);
        logger.LogInformation("Queued the import of the demo profile from {Folder}", folder);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
