using Insights.Analytics.Storage;
using Insights.Analytics.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Jobs;

public class JobQueueTests
{
    /// <summary>The database these tests run on; the PostgreSQL run derives from this class.</summary>
    protected virtual string Provider => StorageOptions.Sqlite;

    [Fact]
    public async Task Jobs_AreClaimedOldestFirst_EachOnlyOnce()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var queue = db.Services.GetRequiredService<JobQueue>();
        var woken = 0;
        queue.Enqueued += () => woken++;
        var first = await queue.EnqueueAsync("import", "Import a.csv", null, "{\"file\":\"a.csv\"}");
        var second = await queue.EnqueueAsync("import", new string('t', 400), null, "{}");

        var claimedFirst = await queue.ClaimNextAsync("worker-1");
        var claimedSecond = await queue.ClaimNextAsync("worker-2");
        var none = await queue.ClaimNextAsync("worker-1");

        Assert.Equal(2, woken);
        Assert.Equal(first, claimedFirst!.Id);
        Assert.Equal((JobStatus.Running, "worker-1", 1), (claimedFirst.Status, claimedFirst.ClaimedBy, claimedFirst.Attempts));
        Assert.Equal("{\"file\":\"a.csv\"}", claimedFirst.PayloadJson);
        Assert.Equal(second, claimedSecond!.Id);
        Assert.Equal(300, claimedSecond.Title.Length);
        Assert.Null(none);
    }

    [Fact]
    public async Task ALane_ClaimsOnlyItsKinds_SoAnImportNeverWaitsBehindLabelling()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var queue = db.Services.GetRequiredService<JobQueue>();
        string[] interactive = ["import", "report"];
        var labelling = await queue.EnqueueAsync("annotate", "Label 1,600 files", null, "{}");
        var import = await queue.EnqueueAsync("import", "Import b.csv", null, "{}");

        var modelWork = await queue.ClaimNextAsync("w", interactive, exceptKinds: true);
        var quick = await queue.ClaimNextAsync("w", interactive);

        Assert.Equal(labelling, modelWork!.Id);
        Assert.Equal(import, quick!.Id);
        Assert.Null(await queue.ClaimNextAsync("w", interactive));
        Assert.Null(await queue.ClaimNextAsync("w", interactive, exceptKinds: true));
    }

    [Fact]
    public async Task ProgressAndTheOutcome_AreStored()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var queue = db.Services.GetRequiredService<JobQueue>();
        var id = await queue.EnqueueAsync("import", "Import", 1, "{}");
        await queue.ClaimNextAsync("w");

        await queue.ReportProgressAsync(id, "w", 50, 200, "reading");
        var running = await queue.GetAsync(id);
        db.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await queue.RenewLeaseAsync(id, "w"));
        db.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(0, await queue.RequeueExpiredAsync());
        db.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(await queue.FinishAsync(id, "w", JobStatus.Failed, null, "bad.csv, line 3: ..."));
        var finished = await queue.GetAsync(id);

        Assert.Equal((50L, 200L, "reading"), (running!.Done, running.Total, running.Message!));
        Assert.Equal((JobStatus.Failed, "bad.csv, line 3: ..."), (finished!.Status, finished.Error!));
        Assert.Equal(finished.StartedUtc!.Value.AddMinutes(2), finished.FinishedUtc);
        Assert.Null(await queue.GetAsync(id + 1));
    }

    [Fact]
    public async Task OnlyExpiredLeases_AreQueuedAgain_AndTheWorkerThatLostOne_CannotWriteTheJob()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var queue = db.Services.GetRequiredService<JobQueue>();
        var done = await queue.EnqueueAsync("import", "done", null, "{}");
        var stuck = await queue.EnqueueAsync("import", "stuck", null, "{}");
        var alive = await queue.EnqueueAsync("import", "alive", null, "{}");
        await queue.ClaimNextAsync("w1");
        await queue.FinishAsync(done, "w1", JobStatus.Succeeded, "{}", null);
        await queue.ClaimNextAsync("w1");
        await queue.ClaimNextAsync("w2");

        db.Clock.Advance(TimeSpan.FromSeconds(45));
        Assert.True(await queue.RenewLeaseAsync(alive, "w2"));
        Assert.Equal(0, await queue.RequeueExpiredAsync());
        db.Clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await queue.RequeueExpiredAsync());
        var again = await queue.ClaimNextAsync("w3");
        Assert.Equal(stuck, again!.Id);
        Assert.Equal(2, again.Attempts);
        Assert.False(await queue.RenewLeaseAsync(stuck, "w1"));
        Assert.False(await queue.FinishAsync(stuck, "w1", JobStatus.Failed, null, "late"));
        Assert.True(await queue.FinishAsync(stuck, "w3", JobStatus.Succeeded, "{}", null));
        Assert.Equal(JobStatus.Succeeded, (await queue.GetAsync(stuck))!.Status);
        Assert.Equal((JobStatus.Running, "w2"), ((await queue.GetAsync(alive))!.Status, (await queue.GetAsync(alive))!.ClaimedBy!));
        Assert.Equal(JobStatus.Succeeded, (await queue.GetAsync(done))!.Status);
    }

    [Fact]
    public async Task AJobWhoseWorkerDiesEveryTime_FailsAfterItsAttempts_InsteadOfLooping()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var queue = db.Services.GetRequiredService<JobQueue>();
        var id = await queue.EnqueueAsync("annotate", "poison", 1, "{}");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(id, (await queue.ClaimNextAsync($"w{attempt}"))!.Id);
            db.Clock.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal(1, await queue.RequeueExpiredAsync());
        }

        var failed = await queue.GetAsync(id);
        Assert.Equal(JobStatus.Failed, failed!.Status);
        Assert.Contains("stopped 3 times", failed.Error);
        Assert.Null(await queue.ClaimNextAsync("w4"));
    }

    [Fact]
    public async Task EnqueueOnce_KeepsOneWaitingJobPerKindAndProfile_EvenUnderConcurrency_AndANewOneOnceItRuns()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var queue = db.Services.GetRequiredService<JobQueue>();

        // Twenty callers that all check, find nothing and insert: the unique key lets one job through.
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => queue.EnqueueOnceAsync("drivers", $"Train {i}", 7, "{}"))));
        var other = await queue.EnqueueOnceAsync("drivers", "Train", 8, "{}");

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(results, r => r.Queued);
        Assert.True(other.Queued);
        Assert.NotEqual(results[0].Id, other.Id);
        var claimed = await queue.ClaimNextAsync("w");
        Assert.Equal(results[0].Id, claimed!.Id);
        var afterClaim = await queue.EnqueueOnceAsync("drivers", "Train again", 7, "{}");
        Assert.True(afterClaim.Queued);
        Assert.NotEqual(claimed.Id, afterClaim.Id);
    }

    [Fact]
    public async Task Recent_FiltersByProfileAndKind_NewestFirst()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var queue = db.Services.GetRequiredService<JobQueue>();
        var a = await queue.EnqueueAsync("import", "a", 1, "{}");
        await queue.EnqueueAsync("report", "b", 1, "{}");
        var c = await queue.EnqueueAsync("import", "c", 1, "{}");
        await queue.EnqueueAsync("import", "d", 2, "{}");

        var recent = await queue.RecentAsync(1, "import", 10);

        Assert.Equal([c, a], recent.Select(j => j.Id));
        Assert.Single(await queue.RecentAsync(null, null, 1));
    }

    [Fact]
    public async Task FourConcurrentClaimers_ClaimEachOf2000Jobs_ExactlyOnce()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var queue = db.Services.GetRequiredService<JobQueue>();
        var contexts = db.Services.GetRequiredService<IDbContextFactory<InsightsDbContext>>();
        const int jobs = 2000;
        await using (var context = await contexts.CreateDbContextAsync())
        {
            context.Jobs.AddRange(Enumerable.Range(0, jobs).Select(i => new BackgroundJob { Kind = "noop", Title = $"No-op {i}", CreatedUtc = db.Clock.GetUtcNow().UtcDateTime }));
            await context.SaveChangesAsync();
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>();
            while (true)
            {
                if (await queue.ClaimNextAsync($"worker-{w}") is not { } job)
                {
                    // The portable claim gives up after a few lost races; only an empty queue ends this worker.
                    await using var context = await contexts.CreateDbContextAsync();
                    if (!await context.Jobs.AnyAsync(j => j.Status == JobStatus.Queued))
                        return mine;
                    continue;
                }
                mine.Add(job.Id);
                Assert.True(await queue.FinishAsync(job.Id, $"worker-{w}", JobStatus.Succeeded, null, null));
            }
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(jobs, all.Count);
        Assert.Equal(jobs, all.Distinct().Count());
        await using var check = await contexts.CreateDbContextAsync();
        var outcomes = await check.Jobs.GroupBy(j => new { j.Status, j.Attempts }).Select(g => new { g.Key.Status, g.Key.Attempts, Count = g.Count() }).ToListAsync();
        Assert.Equal(new { Status = JobStatus.Succeeded, Attempts = 1, Count = jobs }, Assert.Single(outcomes));
    }
}
