using System.Net;
using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
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
        await using (var app = Start())
        {
            using var client = app.CreateClient();
            var (status, _) = await client.ImportAsync("scheduled", ReportFiles.Profile());
            Assert.Equal(HttpStatusCode.OK, status);
            profile = (await client.ProfileAsync("scheduled"))!.Value.GetProperty("id").GetInt32();
            await app.Services.GetRequiredService<ReportSchedules>().AddAsync(profile, ReportCadence.Weekly, "csv", "local");
            var scheduler = app.Services.GetRequiredService<ReportScheduler>();

            Assert.Equal(1, await scheduler.CheckAsync());
            Assert.Equal(0, await scheduler.CheckAsync());

            var queue = app.Services.GetRequiredService<JobQueue>();
            var job = Assert.Single(await queue.RecentAsync(profile, ReportJobHandler.JobKind, 10));
            Assert.Equal(JobStatus.Succeeded, (await queue.FinishedAsync(job.Id)).Status);
            var file = Path.Combine(_folder, "scheduled-2026-03-02-2026-03-08.csv");
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
            Assert.True(File.Exists(Path.Combine(_folder, "scheduled-2026-03-09-2026-03-15.csv")));
        }
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
