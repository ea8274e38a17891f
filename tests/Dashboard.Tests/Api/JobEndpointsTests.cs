using System.Net;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Tests.Api;

/// <summary>GET /api/jobs and /api/jobs/{id} read the database and list only jobs of profiles the caller may see.</summary>
public class JobEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task Jobs_AreListedFromTheDatabase_OnlyForVisibleProfiles_AndFilteredByStatus()
    {
        using var admin = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.ImportAsync("jobs-mine", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.ImportAsync("jobs-hidden", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)))).Status);
        // Jobs another process runs: the API shows what the database holds, not what this process ran.
        var queue = app.GetRequiredService<JobQueue>();
        await using var context = app.NewDbContext();
        var hidden = context.Profiles.Single(p => p.Name == "jobs-hidden").Id;
        var mine = context.Profiles.Single(p => p.Name == "jobs-mine").Id;
        var waiting = await queue.EnqueueAsync("report", "A report of 'jobs-hidden'", hidden, "{}");
        var unprofiled = await queue.EnqueueAsync("demo-import", "Import the demo profile", null, "{}");
        await context.Jobs.Where(j => j.Id == waiting || j.Id == unprofiled).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Running).SetProperty(j => j.ClaimedBy, "another-process").SetProperty(j => j.LeaseUntil, DateTime.UtcNow.AddHours(1)));
        using var analyst = await app.CreateClientFor("jobs-analyst@tests.local", [Roles.Analyst], "jobs-mine");

        var (status, all) = await analyst.GetJsonAsync("/api/jobs");
        var (_, everything) = await admin.GetJsonAsync("/api/jobs?status=running");
        var (_, succeeded) = await analyst.GetJsonAsync("/api/jobs?profile=jobs-mine&status=succeeded");
        var (hiddenList, _) = await analyst.GetJsonAsync("/api/jobs?profile=jobs-hidden");
        var (hiddenOne, _) = await analyst.GetJsonAsync($"/api/jobs/{waiting}");
        var (badStatus, problem) = await analyst.GetJsonAsync("/api/jobs?status=done");

        Assert.Equal(HttpStatusCode.OK, status);
        var listed = all.EnumerateArray().ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, j => Assert.Equal(mine, j.GetProperty("profile").GetInt32()));
        var import = Assert.Single(succeeded.EnumerateArray(), j => j.GetProperty("kind").GetString() == "import");
        Assert.Equal(("import", "succeeded"), (import.GetProperty("kind").GetString(), import.GetProperty("status").GetString()));
        Assert.True(import.GetProperty("finished").GetDateTime() >= import.GetProperty("started").GetDateTime());
        var (oneStatus, one) = await analyst.GetJsonAsync($"/api/jobs/{import.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.OK, oneStatus);
        Assert.Equal(import.GetProperty("total").GetInt64(), one.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, hiddenList);
        Assert.Equal(HttpStatusCode.NotFound, hiddenOne);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("status", problem.GetProperty("field").GetString());
        var adminIds = everything.EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(waiting, adminIds);
        Assert.Contains(unprofiled, adminIds);
        Assert.DoesNotContain(listed, j => j.GetProperty("id").GetInt64() == unprofiled);
    }
}
