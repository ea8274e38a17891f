using System.Text.Json;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Analytics.Storage;
using Insights.Dashboard.Jobs;

namespace Insights.Dashboard.Tests.Jobs;

public class JobRunnerTests
{
    [Fact]
    public async Task JobLeftRunningByAStop_IsRequeuedAndCompleted_AfterARestart()
    {
        var dataDirectory = InsightsApiFixture.NewTempDirectory();
        try
        {
            long id;
            await using (var first = InsightsApiFixture.Create(dataDirectory: dataDirectory))
            {
                using var stream = new MemoryStream(TestFiles.Utf8(TestFiles.ThreePosts));
                var stored = await first.GetRequiredService<IFileStore>().SaveAsync("uploads", stream, ".csv");
                var profile = await first.GetRequiredService<ImportService>().EnsureProfileAsync("restarted");
                // What a process killed mid-import leaves behind: the job claimed and marked running, its work not done.
                await using var context = first.NewDbContext();
                var job = new BackgroundJob
                {
                    Kind = ImportJobHandler.JobKind,
                    Title = "Import posts.csv",
                    ProfileId = profile.Id,
                    PayloadJson = JsonSerializer.Serialize(new ImportJobPayload(profile.Id, [new ImportJobFile("posts.csv", stored.RelativePath, stored.Bytes)])),
                    Status = JobStatus.Running,
                    ClaimedBy = "a-stopped-process",
                    Attempts = 1,
                    CreatedUtc = DateTime.UtcNow,
                    StartedUtc = DateTime.UtcNow,
                };
                context.Jobs.Add(job);
                await context.SaveChangesAsync();
                id = job.Id;
            }

            await using var second = InsightsApiFixture.Create(dataDirectory: dataDirectory);
            var finished = await second.GetRequiredService<JobQueue>().FinishedAsync(id);

            Assert.Equal(JobStatus.Succeeded, finished.Status);
            Assert.Equal(2, finished.Attempts);
            Assert.NotEqual("a-stopped-process", finished.ClaimedBy);
            var profileSummary = (await second.GetRequiredService<ProfileCatalog>().ListAsync()).Single(p => p.Name == "restarted");
            Assert.Equal(3, profileSummary.PostCount);
        }
        finally
        {
            InsightsApiFixture.DeleteDirectory(dataDirectory);
        }
    }
}
