using System.Text.Json;
using Insights.Analytics.Domain;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Dashboard.Jobs;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>An import job cut off by a stop (kill -9 mid-import) runs again at the next start; its history must not stay "running".</summary>
public sealed class ImportJobRestartTests : IDisposable
{
    private readonly string _dataDirectory = InsightsApiFixture.NewTempDirectory();

    [Fact]
    public async Task AnImportCutOffByAStop_IsFinishedAsInterrupted_WhenItsJobRunsAgain()
    {
        int profileId;
        long jobId;
        // The process that stopped: it had claimed the job and started the file's import, then died.
        await using (var before = InsightsApiFixture.Create(dataDirectory: _dataDirectory))
        {
            using var upload = new MemoryStream(TestFiles.Utf8(TestFiles.ThreePosts));
            var stored = await before.GetRequiredService<IFileStore>().SaveAsync("uploads", upload, ".csv");
            profileId = (await before.GetRequiredService<ImportService>().EnsureProfileAsync("restarted")).Id;
            await using var context = before.NewDbContext();
            var job = new BackgroundJob
            {
                Kind = ImportJobHandler.JobKind,
                Title = "Import cut off",
                ProfileId = profileId,
                PayloadJson = JsonSerializer.Serialize(new ImportJobPayload(profileId, [new ImportJobFile("posts.csv", stored.RelativePath, stored.Bytes)])),
                Status = JobStatus.Running,
                Attempts = 1,
                ClaimedBy = "a stopped process",
                CreatedUtc = DateTime.UtcNow,
                StartedUtc = DateTime.UtcNow,
            };
            context.Jobs.Add(job);
            context.Imports.Add(new ImportRecord
            {
                ProfileId = profileId, Kind = ImportKind.Posts, FileName = "posts.csv", Sha256 = stored.Sha256,
                StoredPath = stored.RelativePath, Status = ImportStatus.Running, StartedUtc = DateTime.UtcNow,
            });
            await context.SaveChangesAsync();
            jobId = job.Id;
        }

        await using var after = InsightsApiFixture.Create(dataDirectory: _dataDirectory);
        var finished = await after.GetRequiredService<JobQueue>().FinishedAsync(jobId);

        Assert.Equal(JobStatus.Succeeded, finished.Status);
        var history = await after.GetRequiredService<ImportService>().RecentAsync(profileId);
        Assert.Equal(2, history.Count);
        Assert.DoesNotContain(history, r => r.Status == ImportStatus.Running);
        var interrupted = history.Single(r => r.Status == ImportStatus.Failed);
        Assert.Contains("interrupted", interrupted.ErrorsJson);
        Assert.NotNull(interrupted.FinishedUtc);
        Assert.Equal(3, history.Single(r => r.Status == ImportStatus.Succeeded).Inserted);
    }

    public void Dispose() => InsightsApiFixture.DeleteDirectory(_dataDirectory);
}
