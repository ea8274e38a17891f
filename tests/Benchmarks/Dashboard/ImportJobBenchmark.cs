using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Benchmarks.Analytics;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Insights.Benchmarks.Dashboard;

/// <summary>
/// A posts import through the Import page's path (file kept in the upload store, an "import" job run by the
/// in-process worker, measured from queueing to the finished job) against the API path (one multipart POST), side
/// by side on the whole app, with sign-ins through the login form every 250 ms during each: the slowest one shows
/// whether the import holds the rest of the app up.
/// </summary>
internal static partial class ImportJobBenchmark
{
    private const string Email = "bench@bench.local";
    private const string Password = "correct horse battery staple";

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = BenchmarkArgs.Int(args, "--rows", 300_000);
        var runs = BenchmarkArgs.Int(args, "--runs", 3);
        BenchmarkArgs.Header($"importjob: {rows:N0} posts through the Import page's job vs the API, {runs} runs each, alternating");
        var root = Path.Combine(Path.GetTempPath(), "insights-importjob-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            var csv = Path.Combine(root, "posts.csv");
            var bytes = PostsCsvGenerator.Write(csv, rows);
            Console.WriteLine($"   generated {bytes / 1e6:F1} MB");
            await using var app = new App(Path.Combine(root, "data"));
            using var api = app.CreateClient();
            api.DefaultRequestHeaders.Add(ApiKeyService.Header, await app.AdminKeyAsync());

            // Warm-up: JIT and first-use costs of both paths.
            var small = Path.Combine(root, "small.csv");
            PostsCsvGenerator.Write(small, 20_000, seed: 2);
            await ThroughApiAsync(api, small, "warmup-api", 20_000);
            await ThroughJobAsync(app, small, "warmup-job", 20_000);

            var job = new List<double>();
            var direct = new List<double>();
            double slowestDuringJob = 0, slowestDuringApi = 0;
            var signIns = 0;
            for (var run = 1; run <= runs; run++)
            {
                var (jobSeconds, jobSignIns) = await WithSignInsAsync(app, () => ThroughJobAsync(app, csv, $"job-{run}", rows));
                job.Add(jobSeconds);
                slowestDuringJob = Math.Max(slowestDuringJob, jobSignIns.Max());
                var (apiSeconds, apiSignIns) = await WithSignInsAsync(app, () => ThroughApiAsync(api, csv, $"api-{run}", rows));
                direct.Add(apiSeconds);
                slowestDuringApi = Math.Max(slowestDuringApi, apiSignIns.Max());
                signIns += jobSignIns.Count + apiSignIns.Count;
                Console.WriteLine($"   run {run}: job {jobSeconds,6:F2} s {rows / jobSeconds,9:N0} rows/s (slowest sign-in {jobSignIns.Max():F0} ms of {jobSignIns.Count});" +
                    $" API {apiSeconds,6:F2} s {rows / apiSeconds,9:N0} rows/s (slowest sign-in {apiSignIns.Max():F0} ms of {apiSignIns.Count})");
            }
            double jobRate = rows / BenchmarkArgs.Median(job), apiRate = rows / BenchmarkArgs.Median(direct);
            Console.WriteLine($"   median: job {jobRate:N0} rows/s, API {apiRate:N0} rows/s, ratio {jobRate / apiRate:F2} (target >= 0.80)");
            Console.WriteLine($"   slowest concurrent sign-in: {slowestDuringJob:F0} ms during the job, {slowestDuringApi:F0} ms during the API import ({signIns} sign-ins, all succeeded)");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<double> ThroughApiAsync(HttpClient api, string csv, string profile, int expected)
    {
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(csv);
        using var form = new MultipartFormDataContent();
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", "posts.csv");
        using var response = await api.PostAsync($"/api/profiles/{profile}/imports", form);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        using var json = JsonDocument.Parse(body);
        if (response.StatusCode != HttpStatusCode.OK || json.RootElement.GetProperty("inserted").GetInt32() != expected)
            throw new InvalidOperationException($"The API import failed: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>As the Import page does: the upload is kept in the file store, then an import job is queued; timed to the job's end.</summary>
    private static async Task<double> ThroughJobAsync(App app, string csv, string profileName, int expected)
    {
        var clock = Stopwatch.StartNew();
        StoredFile stored;
        await using (var file = File.OpenRead(csv))
            stored = await app.Services.GetRequiredService<IFileStore>().SaveAsync("uploads", file, ".csv");
        var profile = await app.Services.GetRequiredService<ImportService>().EnsureProfileAsync(profileName);
        var queue = app.Services.GetRequiredService<JobQueue>();
        var id = await queue.EnqueueAsync(ImportJobHandler.JobKind, "Benchmark import", profile.Id,
            JsonSerializer.Serialize(new ImportJobPayload(profile.Id, [new ImportJobFile("posts.csv", stored.RelativePath, stored.Bytes)])));
        BackgroundJob? job;
        while ((job = await queue.GetAsync(id))?.Status is not (JobStatus.Succeeded or JobStatus.Failed))
            await Task.Delay(20);
        clock.Stop();
        var report = JsonSerializer.Deserialize<List<ImportReport>>(job.ResultJson ?? "[]")?.SingleOrDefault();
        if (job.Status != JobStatus.Succeeded || report?.Inserted != expected)
            throw new InvalidOperationException($"The import job failed: {job.Error} {(report is null ? "" : string.Join("; ", report.Errors.Take(5)))}");
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Runs the import while a person signs in through the form every 250 ms; returns its seconds and each sign-in's milliseconds.</summary>
    private static async Task<(double Seconds, List<double> SignIns)> WithSignInsAsync(App app, Func<Task<double>> import)
    {
        using var stop = new CancellationTokenSource();
        var signIns = new List<double>();
        var person = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                signIns.Add(await SignInAsync(app));
                await Task.Delay(250);
            }
        });
        var seconds = await import();
        await stop.CancelAsync();
        await person;
        return (seconds, signIns);
    }

    private static async Task<double> SignInAsync(App app)
    {
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = TokenInput().Match(await browser.GetStringAsync("/login")).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["email"] = Email, ["password"] = Password };
        var clock = Stopwatch.StartNew();
        using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));
        clock.Stop();
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
            throw new InvalidOperationException($"A sign-in during the import failed: {(int)response.StatusCode} {response.Headers.Location}");
        return clock.Elapsed.TotalMilliseconds;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    /// <summary>The whole app in process on its own data folder, with the first admin the sign-ins use.</summary>
    private sealed class App : WebApplicationFactory<JobRunner> // any type of the Dashboard assembly names its entry point
    {
        private readonly string _dataDirectory;

        public App(string dataDirectory)
        {
            _dataDirectory = dataDirectory;
            // The factory finds the app's content root by this variable when run outside a test project.
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Insights.sln")))
                root = root.Parent;
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INSIGHTS_DASHBOARD",
                Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run from inside the repository."), "src", "Dashboard"));
        }

        public async Task<string> AdminKeyAsync()
        {
            var admin = await Services.GetRequiredService<AccountService>().FindByEmailAsync(Email)
                ?? throw new InvalidOperationException("The first admin was not created.");
            return (await Services.GetRequiredService<ApiKeyService>().CreateAsync(admin.Id, admin.Id, "benchmark")).Secret;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = _dataDirectory,
                ["Demo:ImportOnFirstStart"] = "false",
                ["Inference:PrepareOnStart"] = "false",
                ["Annotation:Enabled"] = "false",
                ["Insights:Admin:Email"] = Email,
                ["Insights:Admin:Password"] = Password,
            }));
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }
}
