using Insights.Analytics.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Jobs;

public class JobQueueTests
{
    [Fact]
    public async Task Jobs_AreClaimedOldestFirst_EachOnlyOnce()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
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
        await using var db = await AnalyticsDatabase.CreateAsync();
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
        await using var db = await AnalyticsDatabase.CreateAsync();
        var queue = db.Services.GetRequiredService<JobQueue>();
        var id = await queue.EnqueueAsync("import", "Import", 1, "{}");
        await queue.ClaimNextAsync("w");

        await queue.ReportProgressAsync(id, 50, 200, "reading");
        var running = await queue.GetAsync(id);
        db.Clock.Advance(TimeSpan.FromMinutes(2));
        await queue.FinishAsync(id, JobStatus.Failed, null, "bad.csv, line 3: ...");
        var finished = await queue.GetAsync(id);

        Assert.Equal((50L, 200L, "reading"), (running!.Done, running.Total, running.Message!));
        Assert.Equal((JobStatus.Failed, "bad.csv, line 3: ..."), (finished!.Status, finished.Error!));
        Assert.Equal(finished.StartedUtc!.Value.AddMinutes(2), finished.FinishedUtc);
        Assert.Null(await queue.GetAsync(id + 1));
    }

    [Fact]
    public async Task InterruptedJobs_AreQueuedAgain_AndFinishedOnesAreNot()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var queue = db.Services.GetRequiredService<JobQueue>();
        var done = await queue.EnqueueAsync("import", "done", null, "{}");
        var interrupted = await queue.EnqueueAsync("import", "interrupted", null, "{}");
        await queue.ClaimNextAsync("w");
        await queue.FinishAsync(done, JobStatus.Succeeded, "{}", null);
        await queue.ClaimNextAsync("w");

        Assert.Equal(1, await queue.RequeueInterruptedAsync());

        var again = await queue.ClaimNextAsync("w2");
        Assert.Equal(interrupted, again!.Id);
        Assert.Equal(2, again.Attempts);
        Assert.Equal(JobStatus.Succeeded, (await queue.GetAsync(done))!.Status);
    }

    [Fact]
    public async Task Recent_FiltersByProfileAndKind_NewestFirst()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var queue = db.Services.GetRequiredService<JobQueue>();
        var a = await queue.EnqueueAsync("import", "a", 1, "{}");
        await queue.EnqueueAsync("report", "b", 1, "{}");
        var c = await queue.EnqueueAsync("import", "c", 1, "{}");
        await queue.EnqueueAsync("import", "d", 2, "{}");

        var recent = await queue.RecentAsync(1, "import", 10);

        Assert.Equal([c, a], recent.Select(j => j.Id));
        Assert.Single(await queue.RecentAsync(null, null, 1));
    }
}
