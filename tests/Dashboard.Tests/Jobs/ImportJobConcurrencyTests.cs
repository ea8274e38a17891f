using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Tests.Accounts;
using Insights.Dashboard.Tests.Api;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>
/// A long import through the Import page's path (an "import" job run by the in-process worker) while other people
/// use the app: a sign-in through the form and API calls with a key must be answered meanwhile, not fail on a
/// database locked by the import.
/// </summary>
public sealed class ImportJobConcurrencyTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    private const int Rows = 200_000;

    [Fact]
    public async Task ALongQueuedImport_LetsASignInAndAnApiCallThrough_Meanwhile()
    {
        var key = await app.KeyForAsync("import-bystander@tests.local", [Roles.Analyst]);
        using var api = app.CreateClientWithKey(key);
        using var browser = SignIn.NewBrowser(app);
        var token = await SignIn.AntiforgeryTokenAsync(browser);
        var posts = new StringBuilder(TestFiles.PostsHeader).Append('\n');
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Rows; i++)
            posts.Append(CultureInfo.InvariantCulture, $"L{i},{start.AddMinutes(11 * i):yyyy-MM-ddTHH:mm:ssZ},Photo,post {i},{100 + i % 900},{i % 40},{i % 7},{i % 5},{2000 + i % 3000},\n");
        using var upload = new MemoryStream(Encoding.UTF8.GetBytes(posts.ToString()));
        var stored = await app.GetRequiredService<IFileStore>().SaveAsync("uploads", upload, ".csv");
        var profile = await app.GetRequiredService<ImportService>().EnsureProfileAsync("long-import");
        var queue = app.GetRequiredService<JobQueue>();
        var hub = app.GetRequiredService<JobProgressHub>();

        var id = await queue.EnqueueAsync(ImportJobHandler.JobKind, "Long import", profile.Id,
            JsonSerializer.Serialize(new ImportJobPayload(profile.Id, [new ImportJobFile("posts.csv", stored.RelativePath, stored.Bytes)])));
        // Rows read means the import is inside its transaction now.
        await JobWaiter.UntilAsync(() => hub.Get(id)?.Message?.Contains("rows read", StringComparison.Ordinal) == true, "the import to read rows");

        var signIn = Task.Run(async () =>
        {
            var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["email"] = InsightsApiFixture.AdminEmail, ["password"] = InsightsApiFixture.Password };
            using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));
            return (response.StatusCode, response.Headers.Location?.OriginalString);
        });
        var call = Task.Run(() => api.GetJsonAsync("/api/profiles"));
        var (signInStatus, target) = await signIn;
        var (callStatus, body) = await call;

        Assert.Equal((HttpStatusCode.Redirect, "/"), (signInStatus, target));
        Assert.True(callStatus == HttpStatusCode.OK, body.ToString());
        var job = await queue.FinishedAsync(id);
        Assert.Equal(JobStatus.Succeeded, job.Status);
        var report = Assert.Single(JsonSerializer.Deserialize<List<ImportReport>>(job.ResultJson!)!);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(Rows, report.Inserted);
        // The job's row in the database ends with its final progress.
        Assert.Equal((1L, 1L, "posts.csv: done"), (job.Done, job.Total, job.Message));
    }
}
