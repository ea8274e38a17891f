using System.Globalization;
using System.Text;
using System.Text.Json;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Tests.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>
/// Two real worker processes (<c>--role worker</c>) on one SQLite database with a 3-second lease: they never run the
/// same job, and when the one holding a job is killed with SIGKILL the other finishes it once the lease expires.
/// </summary>
public sealed class WorkerProcessTests : IAsyncLifetime
{
    private const int LeaseSeconds = 10; // long enough that a heartbeat on a loaded machine (load 30+) still renews it in time

    private readonly string _dataDirectory = InsightsApiFixture.NewTempDirectory();
    private IHost _host = null!;

    private Dictionary<string, string> Settings => new()
    {
        ["Storage:DataDirectory"] = _dataDirectory,
        ["Demo:ImportOnFirstStart"] = "false",
        ["Inference:PrepareOnStart"] = "false",
        ["Annotation:Enabled"] = "false",
        ["Jobs:LeaseSeconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture),
        ["Insights:Admin:Email"] = InsightsApiFixture.AdminEmail,
        ["Insights:Admin:Password"] = InsightsApiFixture.Password,
    };

    public async Task InitializeAsync() => _host = await WorkerTestHost.StartAsync(Settings);

    public Task DisposeAsync()
    {
        WorkerTestHost.Stop(_host, _dataDirectory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TwoWorkers_NeverRunTheSameJob_AndAKilledWorkersJob_IsFinishedByTheOther_AfterItsLease()
    {
        await using var first = DashboardProcess.Start(Settings);
        await using var second = DashboardProcess.Start(Settings);
        foreach (var worker in new[] { first, second })
        {
            using var http = new HttpClient { BaseAddress = await worker.ListeningAsync() };
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
            // A worker serves nothing but its health.
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/api/profiles")).StatusCode);
        }
        var queue = _host.Services.GetRequiredService<JobQueue>();
        var imports = _host.Services.GetRequiredService<ImportService>();
        var profile = (await imports.EnsureProfileAsync("workers")).Id;

        // Part 1: sixteen small imports, both workers polling for them.
        var small = new List<long>();
        for (var i = 0; i < 16; i++)
            small.Add(await EnqueueImportAsync(queue, profile, Posts($"S{i}-", 20)));
        var finished = new List<BackgroundJob>();
        foreach (var id in small)
            finished.Add(await queue.FinishedAsync(id));

        Assert.All(finished, job => Assert.Equal((JobStatus.Succeeded, 1), (job.Status, job.Attempts)));
        await DashboardProcess.WaitForStartedAsync([first, second], small);
        var byFirst = first.StartedJobs.Intersect(small).ToList();
        var bySecond = second.StartedJobs.Intersect(small).ToList();
        Assert.Empty(byFirst.Intersect(bySecond));
        Assert.Equal(small.Order(), byFirst.Concat(bySecond).Order());

        // Part 2: a larger import. As soon as a worker claims it, the test takes SQLite's write lock; if the job is still
        // running then, its worker cannot finish it before it is killed. (If the worker was faster than the lock, the
        // scenario is tried again with a new job twice the size: on a fast machine 20,000 rows could finish first three
        // times in a row.)
        var rows = 10_000;
        long big = 0;
        var prefix = "";
        DashboardProcess? other = null;
        for (var attempt = 0; attempt < 5 && other is null; attempt++)
        {
            prefix = $"B{attempt}-";
            rows *= 2;
            big = await EnqueueImportAsync(queue, profile, Posts(prefix, rows));
            var claimed = await ClaimedAsync(queue, big);
            var holder = claimed.ClaimedBy!.Contains($":{first.Id}:", StringComparison.Ordinal) ? first : second;
            await using var blocker = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "insights.db")}");
            await blocker.OpenAsync();
            await using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                // The worker's import may hold the lock a while on a loaded machine; then the lock comes when it commits.
                begin.CommandTimeout = 600;
                await begin.ExecuteNonQueryAsync();
            }
            if ((await queue.GetAsync(big))!.Status == JobStatus.Running)
            {
                holder.KillHard();
                other = holder == first ? second : first;
            }
            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        Assert.NotNull(other);

        var done = await queue.FinishedAsync(big);
        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {done.Error}\n{other.Output}");
        Assert.Equal(2, done.Attempts);
        Assert.Contains($":{other.Id}:", done.ClaimedBy, StringComparison.Ordinal);
        await DashboardProcess.WaitForStartedAsync([other], [big]);
        Assert.Contains(big, other.StartedJobs);
        await using var context = await _host.Services.GetRequiredService<IDbContextFactory<InsightsDbContext>>().CreateDbContextAsync();
        // The job is idempotent: whatever the killed worker wrote before it died, each post is there once.
        Assert.Equal(rows, await context.Posts.CountAsync(p => p.ProfileId == profile && p.PlatformPostId.StartsWith(prefix)));
    }

    private async Task<long> EnqueueImportAsync(JobQueue queue, int profileId, string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var stored = await _host.Services.GetRequiredService<IFileStore>().SaveAsync("uploads", stream, ".csv");
        return await queue.EnqueueAsync(ImportJobHandler.JobKind, "Import posts.csv", profileId,
            JsonSerializer.Serialize(new ImportJobPayload(profileId, [new ImportJobFile("posts.csv", stored.RelativePath, stored.Bytes)])));
    }

    private static async Task<BackgroundJob> ClaimedAsync(JobQueue queue, long id)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!limit.IsCancellationRequested)
        {
            if (await queue.GetAsync(id) is { Status: JobStatus.Running, ClaimedBy: not null } job)
                return job;
            await Task.Delay(10);
        }
        throw new TimeoutException($"Job {id} was never claimed.");
    }

    private static string Posts(string prefix, int count)
    {
        var csv = new StringBuilder("Post ID,Publish time,Likes,Comments\n");
        for (var i = 0; i < count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}{i},{new DateTime(2024, 1, 1).AddMinutes(i):yyyy-MM-ddTHH:mm:ss}Z,{10 + i % 50},{i % 7}\n");
        return csv.ToString();
    }
}
