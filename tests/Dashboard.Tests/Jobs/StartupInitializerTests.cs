using System.Net;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Tests.Api;

namespace Insights.Dashboard.Tests.Jobs;

public sealed class StartupInitializerTests : IDisposable
{
    private readonly string _demoFolder = InsightsApiFixture.NewTempDirectory();
    private readonly byte[] _image = TestFiles.Png(250, 200, 0);

    public StartupInitializerTests()
    {
        File.WriteAllText(Path.Combine(_demoFolder, "posts.csv"), TestFiles.ThreePosts);
        File.WriteAllText(Path.Combine(_demoFolder, "followers.csv"), TestFiles.Followers);
        File.WriteAllText(Path.Combine(_demoFolder, "labels.csv"), TestFiles.Labels);
        Directory.CreateDirectory(Path.Combine(_demoFolder, "media"));
        File.WriteAllBytes(Path.Combine(_demoFolder, "media", "P1.png"), _image);
    }

    private Dictionary<string, string?> DemoSettings(bool importOnFirstStart = true) => new()
    {
        ["Demo:ImportOnFirstStart"] = importOnFirstStart ? "true" : "false",
        ["Demo:Folder"] = _demoFolder,
        ["Demo:ProfileName"] = "tiny-demo",
        ["Inference:PrepareOnStart"] = "false",
        ["Annotation:Enabled"] = "false",
    };

    [Fact]
    public async Task FirstStart_WithDemoImportOn_QueuesAndCompletesTheDemoImport()
    {
        await using var app = InsightsApiFixture.Create(DemoSettings());
        using var client = app.CreateClient();

        var job = await app.GetRequiredService<JobQueue>().FinishedOfKindAsync(DemoImportJobHandler.JobKind);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal((4L, 4L), (job.Done, job.Total));
        var profile = await client.ProfileAsync("tiny-demo");
        Assert.NotNull(profile);
        Assert.Equal(3, profile.Value.GetProperty("postCount").GetInt32());
        var posts = await client.PostsAsync("tiny-demo");
        Assert.All(posts, p => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, p.GetProperty("popularityRate").ValueKind));
        using var media = await client.GetAsync($"/media/{TestFiles.Sha256(_image)}");
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
    }

    [Fact]
    public async Task LaterStart_WithProfilesPresent_QueuesNoSecondDemoImport()
    {
        var dataDirectory = InsightsApiFixture.NewTempDirectory();
        try
        {
            await using (var first = InsightsApiFixture.Create(DemoSettings(), dataDirectory))
            {
                _ = first.Server;
                await first.GetRequiredService<JobQueue>().FinishedOfKindAsync(DemoImportJobHandler.JobKind);
            }

            await using var second = InsightsApiFixture.Create(DemoSettings(), dataDirectory);
            _ = second.Server;

            var jobs = await second.GetRequiredService<JobQueue>().RecentAsync(null, DemoImportJobHandler.JobKind, 10);
            Assert.Single(jobs);
        }
        finally
        {
            InsightsApiFixture.DeleteDirectory(dataDirectory);
        }
    }

    [Fact]
    public async Task FirstStart_WithDemoImportOff_StartsEmpty()
    {
        await using var app = InsightsApiFixture.Create(DemoSettings(importOnFirstStart: false));
        using var client = app.CreateClient();

        var (status, body) = await client.GetJsonAsync("/api/profiles");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetArrayLength());
        Assert.Empty(await app.GetRequiredService<JobQueue>().RecentAsync(null, null, 10));
    }

    public void Dispose() => InsightsApiFixture.DeleteDirectory(_demoFolder);
}
