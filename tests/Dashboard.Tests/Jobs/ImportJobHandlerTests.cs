using System.Text;
using System.Text.Json;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Analytics.Storage;
using Insights.Dashboard.Jobs;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>The Import page's path: uploads kept in the file store, then an "import" job the in-process worker runs.</summary>
public class ImportJobHandlerTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    private async Task<ImportJobFile> UploadAsync(string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        var stored = await app.GetRequiredService<IFileStore>().SaveAsync("uploads", stream, Path.GetExtension(name));
        return new ImportJobFile(name, stored.RelativePath, stored.Bytes);
    }

    private async Task<long> EnqueueImportAsync(string profileName, params ImportJobFile[] files)
    {
        var profile = await app.GetRequiredService<ImportService>().EnsureProfileAsync(profileName);
        var payload = new ImportJobPayload(profile.Id, [.. files]);
        return await app.GetRequiredService<JobQueue>().EnqueueAsync(ImportJobHandler.JobKind, "Import test files", profile.Id, JsonSerializer.Serialize(payload));
    }

    [Fact]
    public async Task QueuedImport_RunsInTheBackground_AndItsPostsExist()
    {
        // Labels first and posts last in the upload: the handler still imports posts before the labels that need them.
        var id = await EnqueueImportAsync("queued",
            await UploadAsync("labels.csv", TestFiles.Utf8(TestFiles.Labels)),
            await UploadAsync("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));

        var job = await app.GetRequiredService<JobQueue>().FinishedAsync(id);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Null(job.Error);
        // A finished job in the database carries its final progress, never an earlier report.
        Assert.Equal((2L, 2L, "labels.csv: done"), (job.Done, job.Total, job.Message));
        var reports = JsonSerializer.Deserialize<List<ImportReport>>(job.ResultJson!)!;
        Assert.Equal(["posts.csv", "labels.csv"], reports.Select(r => r.File));
        Assert.All(reports, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        Assert.Equal(3, reports[1].Inserted);
        var profile = (await app.GetRequiredService<ProfileCatalog>().ListAsync()).Single(p => p.Name == "queued");
        Assert.Equal(3, profile.PostCount);
        // The live state pages follow is published just after the database row is finished.
        var hub = app.GetRequiredService<JobProgressHub>();
        await JobWaiter.UntilAsync(() => hub.Get(id)?.Status == JobStatus.Succeeded, $"job {id} to show as succeeded live");
        var live = hub.Get(id)!;
        Assert.Equal((2L, 2L), (live.Done, live.Total));
    }

    [Fact]
    public async Task QueuedImport_OfABadFile_Succeeds_WithTheErrorsInItsResult_WritesNothing_AndLeavesNoNewProfile()
    {
        var bad = TestFiles.PostsHeader + "\nQ1,2024-03-04T10:00:00Z,Photo,x,lots,1,,,,\n";
        var id = await EnqueueImportAsync("queued-bad", await UploadAsync("posts.csv", Encoding.UTF8.GetBytes(bad)));

        var job = await app.GetRequiredService<JobQueue>().FinishedAsync(id);

        // The job ran; the import it ran refused the file, and the page shows the report's errors.
        Assert.Equal(JobStatus.Succeeded, job.Status);
        var report = Assert.Single(JsonSerializer.Deserialize<List<ImportReport>>(job.ResultJson!)!);
        Assert.False(report.Succeeded);
        var error = Assert.Single(report.Errors);
        Assert.Equal((2L, "Likes"), (error.Line, error.Column));
        // A first upload that failed leaves no empty profile in the picker.
        Assert.DoesNotContain(await app.GetRequiredService<ProfileCatalog>().ListAsync(), p => p.Name == "queued-bad");
    }

    [Fact]
    public async Task JobOfAnUnknownKind_Fails_SayingSo()
    {
        var queue = app.GetRequiredService<JobQueue>();
        var id = await queue.EnqueueAsync("no-such-kind", "Mystery", null, "{}");

        var job = await queue.FinishedAsync(id);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("no-such-kind", job.Error);
    }
}
