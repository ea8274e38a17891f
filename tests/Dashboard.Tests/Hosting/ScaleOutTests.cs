using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Insights.Analytics.Tests;
using Insights.Dashboard.Api;
using Insights.Dashboard.Accounts.Storage;
using Insights.Dashboard.Jobs;
using Npgsql;
using Xunit.Abstractions;

namespace Insights.Dashboard.Tests.Hosting;

/// <summary>
/// The scale-out topology as real processes on loopback ports: a private PostgreSQL cluster, two <c>migrate</c> runs at
/// once, two web instances (<c>--role web</c>) and two workers (<c>--role worker</c>) of the built Dashboard on one
/// database and one shared files folder, and nginx in front with sticky sessions. Everything a person does goes through
/// nginx (the labelling part in a real browser, see ScaleOutTests.Labelling.cs); the test reads the database to see
/// which worker held which job and what was labelled.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed partial class ScaleOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int LeaseSeconds = 10; // short, so a killed worker's job comes back soon; long enough for a heartbeat at load 30

    private readonly string _files = InsightsApiFixture.NewTempDirectory();
    private readonly List<IAsyncDisposable> _started = [];
    private PostgresCluster _cluster = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.GetAsync();
        _database = await _cluster.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        // Every process this test started is stopped, also when it failed half way.
        foreach (var started in Enumerable.Reverse(_started))
            await started.DisposeAsync();
        await _cluster.DropDatabaseAsync(_database);
        InsightsApiFixture.DeleteDirectory(_files);
    }

    private Dictionary<string, string> Settings => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["ConnectionStrings:Insights"] = _database,
        ["Storage:MigrateOnStart"] = "false",
        ["Storage:DataDirectory"] = _files,
        ["Demo:ImportOnFirstStart"] = "false",
        ["Inference:PrepareOnStart"] = "false",
        // Labelling on, in small batches and with no training between them, so both workers label the media of one profile.
        ["Annotation:Enabled"] = "true",
        ["Jobs:LabelBatch"] = LabelBatch.ToString(CultureInfo.InvariantCulture),
        ["Jobs:EarlyTrainingPosts"] = "0",
        ["Jobs:LeaseSeconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture),
        ["Insights:Admin:Email"] = InsightsApiFixture.AdminEmail,
        ["Insights:Admin:Password"] = InsightsApiFixture.Password,
        ["Insights:SignIn:PerAddressAttempts"] = "100000",
        ["Insights:SignIn:PerAccountAttempts"] = "100000",
    };

    [Fact]
    public async Task TwoWebInstancesAndTwoWorkers_BehindNginx_ShareSignInPostsAndJobs_LabelMediaOnBothWorkers_AndSurviveAKilledInstanceAndWorker()
    {
        // Two migrate steps at once: the advisory lock lets one apply each migration, the other finds nothing left.
        var migrations = await Task.WhenAll(DashboardProcess.RunCommandAsync("migrate", Settings), DashboardProcess.RunCommandAsync("migrate", Settings));
        Assert.All(migrations, m => Assert.True(m.ExitCode == 0, m.Output));
        await using var sql = new NpgsqlConnection(_database);
        await sql.OpenAsync();
        foreach (var history in (string[])["__EFMigrationsHistory", AccountsDbContext.HistoryTable])
        {
            var applied = await ColumnAsync(sql, $"SELECT \"MigrationId\" FROM \"{history}\"");
            Assert.NotEmpty(applied);
            Assert.Equal(applied.Count, applied.Distinct().Count());
        }

        int[] webPorts = [PostgresCluster.FreePort(), PostgresCluster.FreePort()];
        var webs = webPorts.Select(port => Started(DashboardProcess.Start("web", port, Settings))).ToArray();
        var workers = Enumerable.Range(0, 2).Select(_ => Started(DashboardProcess.Start(Settings))).ToArray();
        foreach (var process in webs.Concat(workers))
            await process.ListeningAsync();
        var nginx = Started(await NginxBalancer.StartAsync(webPorts));

        // Sign in through nginx: ip_hash sends every request of this client to one instance, the "first" one.
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = nginx.Address };
        var token = TokenInput().Match(await browser.GetStringAsync("/login"));
        Assert.True(token.Success, "the login page has an antiforgery token");
        using (var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value), ["email"] = InsightsApiFixture.AdminEmail, ["password"] = InsightsApiFixture.Password,
        })))
        {
            Assert.Equal((HttpStatusCode.Redirect, "/"), (login.StatusCode, login.Headers.Location?.OriginalString));
        }
        // A page script's API writes carry this header; the cookie alone would be refused as a possible cross-site write.
        browser.DefaultRequestHeaders.Add(CrossSiteWrites.RequestedWithHeader, "fetch");
        using var signedIn = await browser.GetAsync("/api/profiles");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var first = Array.IndexOf(webPorts, UpstreamPort(signedIn));
        Assert.InRange(first, 0, 1);
        var second = 1 - first;

        // Eight imports through nginx (web 1) while the posts table is locked: each worker claims one and waits on the lock,
        // so both take part; then the lock goes and they finish the rest. Each job runs once, on one worker.
        var imports = new List<Task<HttpResponseMessage>>();
        await using (var blocker = await LockPostsAsync())
        {
            imports.AddRange(Enumerable.Range(0, 8).Select(i => ImportAsync(browser, $"scale-{i}", Posts($"S{i}-", 20))));
            await RunningAsync(sql, claimers: 2, imports, webs.Concat(workers));
        }
        var ids = new List<long>();
        foreach (var import in imports)
        {
            using var response = await import;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            Assert.Equal(first, Array.IndexOf(webPorts, UpstreamPort(response)));
            using var json = JsonDocument.Parse(body);
            Assert.Equal(20, json.RootElement.GetProperty("inserted").GetInt32());
            ids.Add(json.RootElement.GetProperty("job").GetInt64());
        }
        await DashboardProcess.WaitForStartedAsync(workers, ids);
        var byWorker = workers.Select(w => w.StartedJobs.Intersect(ids).ToList()).ToArray();
        Assert.All(byWorker, Assert.NotEmpty);
        Assert.Empty(byWorker[0].Intersect(byWorker[1]));
        Assert.Equal(ids.Order(), byWorker[0].Concat(byWorker[1]).Order());
        Assert.Equal([1], await ColumnAsync(sql, $"SELECT DISTINCT \"Attempts\" FROM jobs WHERE \"Id\" IN ({string.Join(',', ids)})"));

        // Web 2, asked directly with the cookie web 1 made: the Data Protection keys and the posts are shared.
        using (var direct = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{webPorts[second]}") })
        {
            using var posts = await direct.GetAsync("/api/profiles/scale-3/posts");
            Assert.Equal(HttpStatusCode.OK, posts.StatusCode);
            using var json = JsonDocument.Parse(await posts.Content.ReadAsStringAsync());
            Assert.Equal(20, json.RootElement.GetArrayLength());
        }

        await LabelsHundredMediaWithBothWorkers_WhileTheBrowserShowsProgressAsync(sql, nginx.Address, workers);

        // kill -9 the worker holding an import (held on the lock, so it cannot have finished): after its lease the other
        // worker claims the job again and finishes it, and the request on web 1 answers as if nothing happened.
        Task<HttpResponseMessage> survivor;
        DashboardProcess killed;
        await using (var blocker = await LockPostsAsync())
        {
            survivor = ImportAsync(browser, "scale-kill", Posts("K-", 500));
            var holder = await RunningAsync(sql, claimers: 1, [survivor], webs.Concat(workers));
            killed = workers.Single(w => holder.Contains($":{w.Id}:", StringComparison.Ordinal));
            killed.KillHard();
        }
        using (var response = await survivor)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body + workers.Single(w => w != killed).Output);
            using var json = JsonDocument.Parse(body);
            Assert.Equal(500, json.RootElement.GetProperty("inserted").GetInt32());
            var job = json.RootElement.GetProperty("job").GetInt64();
            Assert.Equal([2], await ColumnAsync(sql, $"SELECT \"Attempts\" FROM jobs WHERE \"Id\" = {job}"));
            await DashboardProcess.WaitForStartedAsync([workers.Single(w => w != killed)], [job]);
            Assert.Contains(job, workers.Single(w => w != killed).StartedJobs);
        }

        // Stop web 1: nginx sends the same client to web 2, where the cookie still signs it in.
        webs[first].KillHard();
        using var afterStop = await browser.GetAsync("/api/profiles/scale-kill/posts");
        Assert.Equal(HttpStatusCode.OK, afterStop.StatusCode);
        Assert.Equal(webPorts[second], UpstreamPort(afterStop));
        using (var json = JsonDocument.Parse(await afterStop.Content.ReadAsStringAsync()))
            Assert.Equal(500, json.RootElement.GetArrayLength());
    }

    private T Started<T>(T process) where T : IAsyncDisposable
    {
        _started.Add(process);
        return process;
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient browser, string profile, string csv)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "posts.csv");
        return await browser.PostAsync($"/api/profiles/{profile}/imports", form);
    }

    /// <summary>
    /// A session holding PostgreSQL's EXCLUSIVE lock on the posts table in an open transaction: imports wait on it, reads
    /// do not. Disposing closes the session (not pooled), which rolls the transaction back and frees the lock.
    /// </summary>
    private async Task<NpgsqlConnection> LockPostsAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("BEGIN; LOCK TABLE posts IN EXCLUSIVE MODE", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Waits until running imports are held by <paramref name="claimers"/> different workers; returns one holder.</summary>
    private static async Task<string> RunningAsync(NpgsqlConnection sql, int claimers, IEnumerable<Task<HttpResponseMessage>> requests, IEnumerable<DashboardProcess> processes)
    {
        for (var waited = 0; waited < 1200; waited++)
        {
            // A request answered while its import must be waiting on the lock was refused: say why at once.
            if (requests.FirstOrDefault(r => r.IsCompleted) is { } answered)
                throw new InvalidOperationException($"An import answered early: {(await answered).StatusCode} {await (await answered).Content.ReadAsStringAsync()}");
            var holders = await ColumnAsync(sql, $"SELECT DISTINCT \"ClaimedBy\" FROM jobs WHERE \"Status\" = 1 AND \"Kind\" = '{ImportJobHandler.JobKind}' AND \"ClaimedBy\" IS NOT NULL");
            if (holders.Count >= claimers)
                return (string)holders[0];
            await Task.Delay(100);
        }
        var jobs = await ColumnAsync(sql, "SELECT concat_ws(' ', \"Id\", \"Kind\", \"Status\", \"ClaimedBy\", \"Error\") FROM jobs ORDER BY \"Id\"");
        throw new TimeoutException($"Running imports never had {claimers} holders. Jobs:\n{string.Join('\n', jobs)}\n{string.Join("\n----\n", processes.Select(p => p.Output))}");
    }

    private static async Task<List<object>> ColumnAsync(NpgsqlConnection connection, string query)
    {
        await using var command = new NpgsqlCommand(query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object>();
        while (await reader.ReadAsync())
            values.Add(reader.GetValue(0));
        return values;
    }

    private static int UpstreamPort(HttpResponseMessage response)
    {
        var upstream = response.Headers.GetValues(NginxBalancer.UpstreamHeader).Last();
        // After a failed try nginx lists every upstream it asked ("127.0.0.1:1, 127.0.0.1:2"): the last one answered.
        return int.Parse(upstream.Split(',').Last().Trim().Split(':').Last(), CultureInfo.InvariantCulture);
    }

    private static string Posts(string prefix, int count)
    {
        var csv = new StringBuilder("Post ID,Publish time,Likes,Comments\n");
        for (var i = 0; i < count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}{i},{new DateTime(2024, 1, 1).AddMinutes(i):yyyy-MM-ddTHH:mm:ss}Z,{10 + i % 50},{i % 7}\n");
        return csv.ToString();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
