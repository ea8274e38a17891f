using System.Text.Json;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Analytics.Storage;
using Insights.Dashboard.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Tests.Jobs;

public class JobRunnerTests
{
    [Fact]
    public async Task JobLeftRunningByAStop_IsRequeuedAndCompleted_AfterARestart()
    {
        var dataDirectory = InsightsApiFixture.NewTempDirectory();
        try
        {
            int profileId;
            StoredFile stored;
            await using (var first = InsightsApiFixture.Create(dataDirectory: dataDirectory))
            {
                using var stream = new MemoryStream(TestFiles.Utf8(TestFiles.ThreePosts));
                stored = await first.GetRequiredService<IFileStore>().SaveAsync("uploads", stream, ".csv");
                profileId = (await first.GetRequiredService<ImportService>().EnsureProfileAsync("restarted")).Id;
            }

            // What a process killed mid-import leaves behind: the job claimed and marked running, its work not done.
            // Written while no app runs, so no worker can pick it up before the restart.
            var options = new DbContextOptionsBuilder<InsightsDbContext>().UseSqlite($"Data Source={Path.Combine(dataDirectory, "insights.db")}").Options;
            var job = new BackgroundJob
            {
                Kind = ImportJobHandler.JobKind,
                Title = "Import posts.csv",
                ProfileId = profileId,
                PayloadJson = JsonSerializer.Serialize(new ImportJobPayload(profileId, [new ImportJobFile("posts.csv", stored.RelativePath, stored.Bytes)])),
                Status = JobStatus.Running,
                ClaimedBy = "a-stopped-process",
                Attempts = 1,
                CreatedUtc = DateTime.UtcNow,
                StartedUtc = DateTime.UtcNow,
            };
            await using (var context = new InsightsDbContext(options))
            {
                context.Jobs.Add(job);
                await context.SaveChangesAsync();
            }

            await using var second = InsightsApiFixture.Create(dataDirectory: dataDirectory);
            var finished = await second.GetRequiredService<JobQueue>().FinishedAsync(job.Id);

            Assert.Equal(JobStatus.Succeeded, finished.Status);
            Assert.Equal(2, finished.Attempts);
            Assert.NotEqual("a-stopped-process", finished.ClaimedBy);
            var profile = (await second.GetRequiredService<ProfileCatalog>().ListAsync()).Single(p => p.Name == "restarted");
            Assert.Equal(3, profile.PostCount);
        }
        finally
        {
            InsightsApiFixture.DeleteDirectory(dataDirectory);
        }
    }
}
