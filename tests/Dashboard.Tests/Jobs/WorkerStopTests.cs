using System.Globalization;
using System.IO.Compression;
using System.Text;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>
/// Real worker processes (<c>--role worker</c>) on one SQLite database: one stopped with SIGTERM while it labels real demo
/// images with the real models exits cleanly and gives its job back, which the next process finishes without redoing a
/// file; and a process started with labelling switched off leaves labelling jobs (queued, or leased by an earlier run)
/// queued for one that labels.
/// </summary>
public sealed class WorkerStopTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly string _dataDirectory = InsightsApiFixture.NewTempDirectory();
    private IHost _host = null!;

    private Dictionary<string, string> Settings(bool labelling) => new()
    {
        ["Storage:DataDirectory"] = _dataDirectory,
        ["Demo:ImportOnFirstStart"] = "false",
        ["Inference:PrepareOnStart"] = "false",
        ["Annotation:Enabled"] = labelling ? "true" : "false",
        ["Jobs:LeaseSeconds"] = "20",
        ["Insights:Admin:Email"] = InsightsApiFixture.AdminEmail,
        ["Insights:Admin:Password"] = InsightsApiFixture.Password,
    };

    public async Task InitializeAsync() => _host = await WorkerTestHost.StartAsync(Settings(labelling: false));

    public Task DisposeAsync()
    {
        WorkerTestHost.Stop(_host, _dataDirectory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sigterm_WhileLabelling_ExitsWithZero_GivesTheJobBack_AndTheNextStartFinishesItWithoutRedoingAFile()
    {
        const int files = 16;
        var profile = await ImportDemoImagesAsync(files);
        var queue = _host.Services.GetRequiredService<JobQueue>();
        // No payload: the job labels every file of the profile still without labels.
        var job = await queue.EnqueueAsync(AnnotateJobHandler.JobKind, "Label the media of 'stop'", profile, "{}");

        int exitCode;
        string firstOutput;
        await using (var first = DashboardProcess.Start(Settings(labelling: true)))
        {
            await UntilAsync(async () => (await queue.GetAsync(job))! is { Status: JobStatus.Running, Done: >= 2 }, "two files labelled");
            exitCode = await first.TerminateAsync();
            firstOutput = first.Output;
        }

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{firstOutput}");
        Assert.Contains("Application is shutting down", firstOutput, StringComparison.Ordinal);
        var released = (await queue.GetAsync(job))!;
        // Given back at once (no wait for the lease), its attempt returned (a clean stop is no failure), the files labelled so far kept.
        Assert.Equal((JobStatus.Queued, 0, null), (released.Status, released.Attempts, released.ClaimedBy));
        var labelledBefore = await LabelledAssetsAsync(profile);
        Assert.InRange(labelledBefore.Count, 2, files - 1);

        await using var second = DashboardProcess.Start(Settings(labelling: true));
        await UntilAsync(async () => (await queue.GetAsync(job))!.Status is JobStatus.Succeeded or JobStatus.Failed, "the job to finish in the next process");
        var done = (await queue.GetAsync(job))!;
        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {done.Error}\n{second.Output}");
        Assert.Equal(1, done.Attempts);
        var labelledAfter = await LabelledAssetsAsync(profile);
        Assert.Equal(files, labelledAfter.Count);
        // Each file was labelled once: what the stopped process finished was not done again.
        Assert.All(labelledAfter, a => Assert.Equal(1, a.Count));
    }

    [Fact]
    public async Task AProcessWithLabellingOff_LeavesQueuedAndOrphanedLabellingJobsQueued_ForAProcessThatLabels()
    {
        var queue = _host.Services.GetRequiredService<JobQueue>();
        var profile = (await _host.Services.GetRequiredService<ImportService>().EnsureProfileAsync("off")).Id;
        var orphaned = await queue.EnqueueAsync(AnnotateJobHandler.JobKind, "Label (left running by an earlier run)", profile, "{}");
        var queued = await queue.EnqueueAsync(AnnotateJobHandler.JobKind, "Label (queued by an earlier run)", profile, "{}");
        // An earlier run claimed the first and died: its lease has passed.
        Assert.NotNull(await queue.ClaimAsync(orphaned, "earlier:1:dead"));
        await using (var context = await _host.Services.GetRequiredService<IDbContextFactory<InsightsDbContext>>().CreateDbContextAsync())
            await context.Jobs.Where(j => j.Id == orphaned).ExecuteUpdateAsync(u => u.SetProperty(j => j.LeaseUntil, DateTime.UtcNow.AddMinutes(-5)));

        await using (var off = DashboardProcess.Start(Settings(labelling: false)))
        {
            // The process takes the orphaned job back from the dead worker...
            await UntilAsync(async () => (await queue.GetAsync(orphaned))!.Status == JobStatus.Queued, "the orphaned job to be requeued");
            // ...and runs model work queued after both labelling jobs: it would have claimed them first (oldest first).
            var later = await queue.EnqueueAsync(DriversJobHandler.JobKind, "Train the drivers model of 'off'", profile, "{}");
            await UntilAsync(async () => (await queue.GetAsync(later))!.Status is JobStatus.Succeeded or JobStatus.Failed, "the later job to finish");
            await DashboardProcess.WaitForStartedAsync([off], [later]);

            Assert.Equal((JobStatus.Queued, 1), ((await queue.GetAsync(orphaned))!.Status, (await queue.GetAsync(orphaned))!.Attempts));
            Assert.Equal((JobStatus.Queued, 0), ((await queue.GetAsync(queued))!.Status, (await queue.GetAsync(queued))!.Attempts));
            Assert.Contains(later, off.StartedJobs);
            Assert.DoesNotContain(orphaned, off.StartedJobs);
            Assert.DoesNotContain(queued, off.StartedJobs);
        }

        // A process that labels takes both (the profile has no media, so there is nothing to label and they succeed).
        await using var on = DashboardProcess.Start(Settings(labelling: true));
        foreach (var id in new[] { orphaned, queued })
        {
            await UntilAsync(async () => (await queue.GetAsync(id))!.Status is JobStatus.Succeeded or JobStatus.Failed, $"job {id} to finish");
            var job = (await queue.GetAsync(id))!;
            Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.Error}\n{on.Output}");
        }
    }

    // Posts s0..s{n-1}, each with one demo image named after it.
    private async Task<int> ImportDemoImagesAsync(int count)
    {
        var imports = _host.Services.GetRequiredService<ImportService>();
        var profile = (await imports.EnsureProfileAsync("stop")).Id;
        var csv = new StringBuilder("post_id,published_at,likes,comments\n");
        for (var i = 0; i < count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"s{i},{new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-dd}T12:00:00Z,{10 + i},{i}\n");
        await using (var posts = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())))
            await imports.ImportFileAsync(profile, "posts.csv", posts);
        var demo = Path.Combine(Insights.Dashboard.Configuration.AppPaths.FindBaseDirectory(AppContext.BaseDirectory), "data", "demo", "media");
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
                await zip.CreateEntryFromFileAsync(Path.Combine(demo, $"img_{i + 1:0000}.jpg"), $"s{i}.jpg");
        }
        zipped.Position = 0;
        var report = await imports.ImportFileAsync(profile, "media.zip", zipped);
        Assert.True(report.Errors.Count == 0, string.Join("\n", report.Errors));
        return profile;
    }

    private async Task<List<(long Asset, int Count)>> LabelledAssetsAsync(int profileId)
    {
        await using var context = await _host.Services.GetRequiredService<IDbContextFactory<InsightsDbContext>>().CreateDbContextAsync();
        var assets = await context.PostMedia.Where(pm => pm.Post!.ProfileId == profileId).Select(pm => pm.MediaAssetId).Distinct().ToListAsync();
        return [.. (await context.Annotations.Where(a => assets.Contains(a.MediaAssetId) && a.Succeeded).Select(a => a.MediaAssetId).ToListAsync())
            .GroupBy(a => a).Select(g => (g.Key, g.Count()))];
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            if (limit.IsCancellationRequested)
                throw new TimeoutException($"Still waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
