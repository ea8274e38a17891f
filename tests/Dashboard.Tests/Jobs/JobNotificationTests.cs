using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Analytics.Tests;
using Insights.Dashboard.Extensions;
using Insights.Dashboard.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>
/// LISTEN/NOTIFY on the private PostgreSQL cluster: two hosts on one database, as two processes would be (each has its
/// own queue, so no in-process event passes between them). The worker polls only every ten minutes, so only a
/// notification can make it claim the jobs the other host queues within the wait limit.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class JobNotificationTests : IAsyncLifetime
{
    private readonly string _dataDirectory = InsightsApiFixture.NewTempDirectory();
    private string _database = null!;

    public async Task InitializeAsync() => _database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_database);
        InsightsApiFixture.DeleteDirectory(_dataDirectory);
    }

    private IHost Build(bool worker)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddDashboardCore();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _dataDirectory,
            ["Storage:Provider"] = StorageOptions.Postgres,
            ["ConnectionStrings:Insights"] = _database,
            ["Demo:ImportOnFirstStart"] = "false",
            ["Inference:PrepareOnStart"] = "false",
            ["Annotation:Enabled"] = "false",
            ["Storage:MigrateOnStart"] = "true",
            ["Jobs:PollSeconds"] = "600",
        });
        if (worker)
        {
            builder.Services.AddHostedService(provider => provider.GetRequiredService<JobRunner>());
            builder.Services.AddHostedService<JobNotificationListener>();
        }
        return builder.Build();
    }

    [Fact]
    public async Task AWorkerPollingEveryTenMinutes_ClaimsAtOnceTheJobsAnotherProcessQueues()
    {
        using var web = Build(worker: false);
        await web.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        using var worker = Build(worker: true);
        await worker.StartAsync();
        try
        {
            var runner = worker.Services.GetRequiredService<JobRunner>();
            var queue = web.Services.GetRequiredService<JobQueue>();
            // Until the worker listens, a job queued now would only be seen by its first look at the queue.
            await WaitListeningAsync();
            // The worker's first look at the queue, finding nothing, is over well before this: from here it only waits.
            await Task.Delay(TimeSpan.FromSeconds(2));

            foreach (var title in new[] { "first", "second" })
            {
                // A kind no handler takes: claimed and failed at once, which is all this test needs.
                var id = await queue.EnqueueAsync("notified-test", title, null, "{}");
                var job = await queue.FinishedAsync(id);
                Assert.Equal(runner.WorkerId, job.ClaimedBy);
                Assert.Equal(1, job.Attempts);
            }
        }
        finally
        {
            await worker.StopAsync();
        }
    }

    /// <summary>Until the worker's listening connection shows in the server's activity (an idle backend shows its last statement).</summary>
    private Task WaitListeningAsync() =>
        JobWaiter.UntilAsync(() =>
        {
            using var connection = new NpgsqlConnection(_database);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'", connection);
            return (long)command.ExecuteScalar()! > 0;
        }, "the worker's LISTEN");
}
