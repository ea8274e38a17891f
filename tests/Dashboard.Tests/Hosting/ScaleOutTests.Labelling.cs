using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Configuration;
using Insights.Dashboard.Jobs;
using Microsoft.Playwright;
using Npgsql;

namespace Insights.Dashboard.Tests.Hosting;

/// <summary>
/// The labelling part of the scale-out test: 100 demo images imported in a real browser through nginx, labelled by the
/// real models in batches of <see cref="LabelBatch"/> that both workers claim, while the browser's Library page shows the
/// progress live and then the finished state.
/// </summary>
public sealed partial class ScaleOutTests
{
    private const string MediaProfile = "scale-media";
    private const int MediaFiles = 100;
    private const int LabelBatch = 10; // ten batches, so the two workers each get some

    private async Task LabelsHundredMediaWithBothWorkers_WhileTheBrowserShowsProgressAsync(NpgsqlConnection sql, Uri nginx, IReadOnlyList<DashboardProcess> workers)
    {
        var section = Stopwatch.StartNew();
        await using var browser = await NginxBrowser.SignInAsync(nginx, InsightsApiFixture.AdminEmail, InsightsApiFixture.Password);
        var page = browser.Page;

        // The import: chosen files go to the web instance over the circuit, a worker imports them, the page shows it done.
        await browser.OpenAsync("/import");
        await page.Locator("input[data-testid=import-profile]").FillAsync(MediaProfile);
        var (posts, zip) = HundredMedia();
        await page.Locator("[data-testid=import-input]").SetInputFilesAsync([
            new FilePayload { Name = "posts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(posts) },
            new FilePayload { Name = "media.zip", MimeType = "application/zip", Buffer = zip },
        ]);
        await Assertions.Expect(page.Locator("[data-testid=import-preview]")).ToHaveCountAsync(2);
        await page.Locator("[data-testid=import-start]").ClickAsync();
        // The reports appear once the job has ended (a running job's message may say "media.zip: done" already).
        var reports = page.Locator("[data-testid=import-report]");
        await Assertions.Expect(reports).ToHaveCountAsync(2, new LocatorAssertionsToHaveCountOptions { Timeout = 300_000 });
        Assert.All(await reports.AllInnerTextsAsync(), report => Assert.Contains($"{MediaFiles} inserted", report, StringComparison.Ordinal));
        Assert.Contains("— done", await page.Locator("[data-testid=import-job]").InnerTextAsync(), StringComparison.Ordinal);
        var profileId = Convert.ToInt32(Assert.Single(await ColumnAsync(sql, $"SELECT \"Id\" FROM profiles WHERE \"Name\" = '{MediaProfile}'")), CultureInfo.InvariantCulture);
        var labelsVersion = await LabelsVersionAsync(sql, profileId);
        var clock = Stopwatch.StartNew();

        // The Library, left open: the banner's bar and the coverage line must move and then settle, with no reload.
        await browser.OpenAsync($"/library?profile={MediaProfile}");
        await page.EvaluateAsync("() => window.scaleOutNotReloaded = true");
        var coverage = page.Locator("[data-testid=library-coverage]");
        var labellingBars = page.Locator("[data-testid=job-banner] [data-testid=job-progress]").Filter(new LocatorFilterOptions { HasText = "Label the media" });
        var barsSeen = new List<string>();
        var labelledSeen = new List<int>();
        string? screenshot = null;
        while (true)
        {
            foreach (var bar in await labellingBars.AllInnerTextsAsync())
            {
                if (DoneOfTotal().Match(bar) is { Success: true } shown && (barsSeen.Count == 0 || barsSeen[^1] != shown.Value))
                    barsSeen.Add(shown.Value);
            }
            var line = await coverage.InnerTextAsync();
            var labelled = int.Parse(LabelledOfTotal().Match(line).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            if (labelledSeen.Count == 0 || labelledSeen[^1] != labelled)
                labelledSeen.Add(labelled);
            if (screenshot is null && barsSeen.Count >= 2 && labelled is > 0 and < MediaFiles)
                screenshot = await browser.ScreenshotAsync("scale-out-labelling.png");
            if (line.Contains($"{MediaFiles} of {MediaFiles} posts labelled", StringComparison.Ordinal) && await labellingBars.CountAsync() == 0)
                break;
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(15), $"Labelling did not finish; bars seen: {string.Join(", ", barsSeen)}; coverage seen: {string.Join(", ", labelledSeen)}\n{string.Join("\n----\n", workers.Select(w => w.Output))}");
            await Task.Delay(250);
        }
        var took = clock.Elapsed;
        var finished = await browser.ScreenshotAsync("scale-out-labelled.png");
        Assert.True(barsSeen.Count >= 2, $"The labelling bar showed one value only: {string.Join(", ", barsSeen)}");
        Assert.True(labelledSeen.Count >= 2, $"The coverage line did not move: {string.Join(", ", labelledSeen)}");
        Assert.Equal(labelledSeen.Order(), labelledSeen);
        Assert.DoesNotContain("waiting", await coverage.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => window.scaleOutNotReloaded === true"), "The page was reloaded");

        // The database: one successful annotation per file and model version, each file labelled once (the jobs' counts
        // add up to the files), by both workers (a job row keeps the worker that claimed it), and the labels stamp moved.
        var perFile = await ColumnAsync(sql, $"""
            SELECT count(a."Id") FROM media_assets m JOIN post_media pm ON pm."MediaAssetId" = m."Id" JOIN posts p ON p."Id" = pm."PostId"
            LEFT JOIN media_annotations a ON a."MediaAssetId" = m."Id" AND a."Succeeded" WHERE p."ProfileId" = {profileId} GROUP BY m."Id"
            """);
        Assert.Equal(MediaFiles, perFile.Count);
        Assert.All(perFile, count => Assert.Equal(1L, count));
        Assert.Single(await ColumnAsync(sql, $"SELECT DISTINCT a.\"ModelVersion\" FROM media_annotations a JOIN post_media pm ON pm.\"MediaAssetId\" = a.\"MediaAssetId\" JOIN posts p ON p.\"Id\" = pm.\"PostId\" WHERE p.\"ProfileId\" = {profileId}"));
        var batches = await ColumnAsync(sql, $"SELECT concat(\"ClaimedBy\", ' ', \"ResultJson\") FROM jobs WHERE \"Kind\" = '{AnnotateJobHandler.JobKind}' AND \"ProfileId\" = {profileId} AND \"Status\" = {(int)JobStatus.Succeeded}");
        var byWorker = workers.ToDictionary(w => w, w => batches.Cast<string>().Where(b => b.Contains($":{w.Id}:", StringComparison.Ordinal)).Sum(LabelledIn));
        Assert.Equal(MediaFiles, byWorker.Values.Sum());
        Assert.All(byWorker.Values, files => Assert.InRange(files, 1, MediaFiles - 1));
        Assert.True(await LabelsVersionAsync(sql, profileId) > labelsVersion, "The profile's labels stamp did not move");

        output.WriteLine($"{MediaFiles} files labelled in {batches.Count} batches in {took.TotalSeconds:0} s (from the import's end, models' first load included); " +
            $"per worker: {string.Join(", ", byWorker.Select(w => $"pid {w.Key.Id}: {w.Value} files"))}; load average {File.ReadAllText("/proc/loadavg").Trim()}; " +
            $"bars seen: {string.Join(", ", barsSeen)}; coverage seen: {string.Join(", ", labelledSeen)}; screenshots {screenshot}, {finished}");

        // Labelling done queues the profile's models; they finish before the rest of the test kills a worker.
        await IdleAsync(sql);
        output.WriteLine($"The browser and labelling part took {section.Elapsed.TotalSeconds:0} s (sign-in, import, labelling, the models trained after it); load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    /// <summary>The files a labelling job's result says it labelled ("worker {json}").</summary>
    private static int LabelledIn(string claimerAndResult)
    {
        using var result = JsonDocument.Parse(claimerAndResult[claimerAndResult.IndexOf('{', StringComparison.Ordinal)..]);
        return result.RootElement.GetProperty("labelled").GetInt32();
    }

    private static async Task<long> LabelsVersionAsync(NpgsqlConnection sql, int profileId) =>
        Convert.ToInt64(Assert.Single(await ColumnAsync(sql, $"SELECT \"LabelsVersion\" FROM profiles WHERE \"Id\" = {profileId}")), CultureInfo.InvariantCulture);

    /// <summary>Waits until no job is waiting or running.</summary>
    private static async Task IdleAsync(NpgsqlConnection sql)
    {
        for (var waited = 0; waited < 1200; waited++)
        {
            if ((await ColumnAsync(sql, $"SELECT \"Id\" FROM jobs WHERE \"Status\" IN ({(int)JobStatus.Queued}, {(int)JobStatus.Running})")).Count == 0)
                return;
            await Task.Delay(500);
        }
        var jobs = await ColumnAsync(sql, "SELECT concat_ws(' ', \"Id\", \"Kind\", \"Status\", \"ClaimedBy\") FROM jobs WHERE \"Status\" IN (0, 1)");
        throw new TimeoutException($"Jobs still waiting or running after 10 minutes:\n{string.Join('\n', jobs)}");
    }

    /// <summary>
    /// Posts M0..M99 and a zip of 100 distinct demo images named by them (POSTID.jpg), so each post has one media file.
    /// </summary>
    private static (string Posts, byte[] Zip) HundredMedia()
    {
        var demo = Path.Combine(AppPaths.FindBaseDirectory(AppContext.BaseDirectory), "data", "demo", "media");
        var images = Directory.GetFiles(demo, "img_*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)
            .DistinctBy(bytes => Convert.ToHexString(SHA256.HashData(bytes))).Take(MediaFiles).ToList();
        Assert.Equal(MediaFiles, images.Count);
        var posts = new StringBuilder("Post ID,Publish time,Likes,Comments\n");
        for (var i = 0; i < MediaFiles; i++)
            posts.Append(CultureInfo.InvariantCulture, $"M{i},{new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-ddTHH:mm:ss}Z,{20 + i % 30},{i % 5}\n");
        return (posts.ToString(), TestFiles.Zip([.. images.Select((bytes, i) => ($"M{i}.jpg", bytes))]));
    }

    [GeneratedRegex(@"\d[\d,]* of \d[\d,]*$")]
    private static partial Regex DoneOfTotal();

    [GeneratedRegex(@"Labels: (\d[\d,]*) of")]
    private static partial Regex LabelledOfTotal();
}
