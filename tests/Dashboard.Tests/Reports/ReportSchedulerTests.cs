using System.Net;
using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Reports;
using Insights.Dashboard.Tests.Api;
using Insights.Dashboard.Tests.Jobs;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Insights.Dashboard.Tests.Reports;

public sealed class ReportSchedulerTests : IDisposable
{
    private readonly string _dataDirectory = InsightsApiFixture.NewTempDirectory();
    private readonly string _folder = InsightsApiFixture.NewTempDirectory();

    // Wednesday 11 March 2026: the last finished week is Monday 2 to Sunday 8 March.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 11, 9, 0, 0, TimeSpan.Zero));

    private WebApplicationFactoryWithClock Start() => new(InsightsApiFixture.Create(new Dictionary<string, string?>
    {
        ["Reports:Folder"] = _folder,
        ["Reports:TrainDrivers"] = "false",
        ["Reports:CheckMinutes"] = "5",
    }, _dataDirectory), _clock);

    [Theory]
    [InlineData(ReportCadence.Weekly, "2026-03-11", "2026-03-02", "2026-03-08")]
    [InlineData(ReportCadence.Weekly, "2026-03-09", "2026-03-02", "2026-03-08")]
    [InlineData(ReportCadence.Weekly, "2026-03-08", "2026-02-23", "2026-03-01")]
    [InlineData(ReportCadence.Monthly, "2026-03-11", "2026-02-01", "2026-02-28")]
    [InlineData(ReportCadence.Monthly, "2026-01-01", "2025-12-01", "2025-12-31")]
    public void LastFinishedPeriod_IsTheWeekOrMonthBeforeToday(ReportCadence cadence, string today, string start, string end) =>
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end)), ReportScheduler.LastFinishedPeriod(cadence, DateOnly.Parse(today)));

    [Fact]
    public async Task AWeeklySchedule_RunsOncePerPeriod_AndSurvivesARestart()
    {
        int profile;
        long schedule;
        await using (var app = Start())
        {
            using var client = app.CreateClient();
            var (status, _) = await client.ImportAsync("scheduled", ReportFiles.Profile());
            Assert.Equal(HttpStatusCode.OK, status);
            profile = (await client.ProfileAsync("scheduled"))!.Value.GetProperty("id").GetInt32();
            schedule = (await app.Services.GetRequiredService<ReportSchedules>().AddAsync(profile, ReportCadence.Weekly, "csv", "local")).Id;
            var scheduler = app.Services.GetRequiredService<ReportScheduler>();

            Assert.Equal(1, await scheduler.CheckAsync());
            Assert.Equal(0, await scheduler.CheckAsync());

            var queue = app.Services.GetRequiredService<JobQueue>();
            var job = Assert.Single(await queue.RecentAsync(profile, ReportJobHandler.JobKind, 10));
            Assert.Equal(JobStatus.Succeeded, (await queue.FinishedAsync(job.Id)).Status);
            var file = Path.Combine(_folder, $"profile-{profile}-schedule-{schedule}-2026-03-02-2026-03-08-job-{job.Id}.csv");
            Assert.True(File.Exists(file));
            Assert.Single(File.ReadAllLines(file)); // the week has no posts: the header alone
        }

        // Same data folder, same week: nothing new, whoever checks.
        await using (var app = Start())
        {
            var scheduler = app.Services.GetRequiredService<ReportScheduler>();
            var queue = app.Services.GetRequiredService<JobQueue>();
            Assert.Equal(0, await scheduler.CheckAsync());
            Assert.Single(await queue.RecentAsync(profile, ReportJobHandler.JobKind, 10));

            // A week later the hosted check (every 5 minutes on the injected clock) queues the next week once.
            _clock.Advance(TimeSpan.FromDays(7));
            await JobWaiter.UntilAsync(() => queue.RecentAsync(profile, ReportJobHandler.JobKind, 10).GetAwaiter().GetResult().Count == 2, "the next week's report");
            Assert.Equal(0, await scheduler.CheckAsync());
            var jobs = await queue.RecentAsync(profile, ReportJobHandler.JobKind, 10);
            Assert.Equal(2, jobs.Count);
            await queue.FinishedAsync(jobs[0].Id);
            Assert.True(File.Exists(Path.Combine(_folder, $"profile-{profile}-schedule-{schedule}-2026-03-09-2026-03-15-job-{jobs[0].Id}.csv")));
        }
    }

    [Fact]
    public async Task ProfilesWhoseNamesSanitiseAlike_NeverShareAScheduledFile_AndADownloadServesOnlyItsJobsFile()
    {
        await using var app = InsightsApiFixture.Create(new Dictionary<string, string?> { ["Reports:Folder"] = _folder, ["Reports:TrainDrivers"] = "false" }, _dataDirectory);
        using var admin = app.CreateClient();
        var queue = app.GetRequiredService<JobQueue>();
        var scheduler = app.GetRequiredService<ReportScheduler>();
        var schedules = app.GetRequiredService<ReportSchedules>();
        var (weekStart, _) = ReportScheduler.LastFinishedPeriod(ReportCadence.Weekly, DateOnly.FromDateTime(DateTime.UtcNow));
        var jobs = new Dictionary<string, long>();
        // "leak_x" and "leak.x" sanitise to the same file name; the second's report is written last.
        foreach (var name in new[] { "leak_x", "leak.x" })
        {
            var posts = $"Post ID,Publish time,Post type,Description,Likes,Comments\nowned-by-{name},{weekStart.AddDays(2):yyyy-MM-dd}T12:00:00Z,Photo,a post of {name},120,7\n";
            var (status, body) = await admin.ImportAsync(name, ("posts.csv", TestFiles.Utf8(posts)));
            Assert.True(status == HttpStatusCode.OK, body.ToString());
            var profile = (await admin.ProfileAsync(name))!.Value.GetProperty("id").GetInt32();
            await schedules.AddAsync(profile, ReportCadence.Weekly, "csv", "local");
            Assert.Equal(1, await scheduler.CheckAsync());
            var job = Assert.Single(await queue.RecentAsync(profile, ReportJobHandler.JobKind, 10));
            Assert.Equal(JobStatus.Succeeded, (await queue.FinishedAsync(job.Id)).Status);
            jobs[name] = job.Id;
        }

        using var client = await app.CreateClientFor("leak-analyst@tests.local", [Roles.Analyst], "leak_x");
        using var own = await client.GetAsync($"/api/reports/{jobs["leak_x"]}/file");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var text = await own.Content.ReadAsStringAsync();
        Assert.Contains("owned-by-leak_x", text);
        Assert.DoesNotContain("leak.x", text);
        using var other = await client.GetAsync($"/api/reports/{jobs["leak.x"]}/file");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        // A file changed after its job wrote it is not served.
        var stored = Assert.Single(Directory.GetFiles(_folder, $"*-job-{jobs["leak_x"]}.csv"));
        await File.WriteAllTextAsync(stored, "Post ID,Description\nP1,someone else's post\n");
        using var changed = await client.GetAsync($"/api/reports/{jobs["leak_x"]}/file");
        Assert.Equal(HttpStatusCode.NotFound, changed.StatusCode);
    }

    [Fact]
    public async Task AScheduleThatCompares_WritesTheComparisonIntoEachReport()
    {
        await using var app = InsightsApiFixture.Create(new Dictionary<string, string?> { ["Reports:Folder"] = _folder, ["Reports:TrainDrivers"] = "false" }, _dataDirectory);
        using var admin = app.CreateClient();
        var queue = app.GetRequiredService<JobQueue>();
        var (weekStart, _) = ReportScheduler.LastFinishedPeriod(ReportCadence.Weekly, DateOnly.FromDateTime(DateTime.UtcNow));
        var ids = new List<int>();
        foreach (var name in new[] { "weekly-ours", "weekly-theirs" })
        {
            var posts = $"Post ID,Publish time,Post type,Description,Likes,Comments\n{name}-1,{weekStart.AddDays(1):yyyy-MM-dd}T12:00:00Z,Photo,a post,120,7\n";
            var (status, body) = await admin.ImportAsync(name, ("posts.csv", TestFiles.Utf8(posts)));
            Assert.True(status == HttpStatusCode.OK, body.ToString());
            ids.Add((await admin.ProfileAsync(name))!.Value.GetProperty("id").GetInt32());
        }
        await app.GetRequiredService<ReportSchedules>().AddAsync(ids[0], ReportCadence.Weekly, "csv", "local", [ids[1]]);

        Assert.Equal(1, await app.GetRequiredService<ReportScheduler>().CheckAsync());

        var job = Assert.Single(await queue.RecentAsync(ids[0], ReportJobHandler.JobKind, 10));
        Assert.Equal([ids[1]], System.Text.Json.JsonSerializer.Deserialize<ReportJobPayload>(job.PayloadJson)!.CompareWith);
        Assert.Equal(JobStatus.Succeeded, (await queue.FinishedAsync(job.Id)).Status);
        var text = await admin.GetStringAsync($"/api/reports/{job.Id}/file");
        Assert.Contains("\r\nweekly-theirs,instagram,", text);
    }

    public void Dispose()
    {
        InsightsApiFixture.DeleteDirectory(_dataDirectory);
        InsightsApiFixture.DeleteDirectory(_folder);
    }

    /// <summary>The app on a fixture's settings, with the test's clock in place of the system's.</summary>
    private sealed class WebApplicationFactoryWithClock(InsightsApiFixture inner, TimeProvider clock) : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app =
            inner.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(clock)));

        public IServiceProvider Services => _app.Services;

        public HttpClient CreateClient() => _app.CreateClient();

        public async ValueTask DisposeAsync()
        {
            await _app.DisposeAsync();
            await inner.DisposeAsync();
        }
    }
}
