using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Extensions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>
/// The test's own services on the data folder worker processes share: it migrates first (so the workers start on a
/// ready database), creates the first admin, and queues the jobs and reads the database for the test.
/// </summary>
internal static class WorkerTestHost
{
    public static async Task<IHost> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddDashboardCore();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var accounts = host.Services.GetRequiredService<AccountsDatabase>();
        await accounts.InitializeAsync();
        await accounts.EnsureFirstAdminAsync();
        return host;
    }

    /// <summary>Disposes the host and deletes the data folder (SQLite's pooled connections closed first).</summary>
    public static void Stop(IHost host, string dataDirectory)
    {
        host.Dispose();
        SqliteConnection.ClearAllPools();
        InsightsApiFixture.DeleteDirectory(dataDirectory);
    }
}
