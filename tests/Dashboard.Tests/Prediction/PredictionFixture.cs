using System.Net;
using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Tests.Api;

namespace Insights.Dashboard.Tests.Prediction;

/// <summary>
/// The app with the real vision models and a small profile ("small": the first 48 image posts of the demo
/// with their photos and the demo's follower snapshots), labelled in the background and with a popularity
/// classifier trained on it by the classifier job (K = 3). Kept as small as a trained classifier allows.
/// </summary>
public sealed class PredictionFixture : IAsyncLifetime
{
    public const string Profile = "small";
    public const int Posts = 48;

    public InsightsApiFixture App { get; } = InsightsApiFixture.Create(new Dictionary<string, string?>
    {
        ["Annotation:Enabled"] = "true",
        ["Inference:PrepareOnStart"] = "true",
        ["Labels:MaxImageBytes"] = "1000000",
        ["Classifier:MinPosts"] = "20",
    });

    public static string DemoDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var demo = Path.Combine(directory.FullName, "data", "demo");
            if (Directory.Exists(Path.Combine(demo, "media")))
                return demo;
        }
        throw new DirectoryNotFoundException("data/demo");
    }

    public static string DemoMedia(string name) => Path.Combine(DemoDirectory(), "media", name);

    /// <summary>Every record of a CSV file (quoted fields may hold commas and line breaks).</summary>
    public static List<string[]> ReadCsv(string path)
    {
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(path) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
            rows.Add(parser.ReadFields() ?? []);
        return rows;
    }

    /// <summary>The demo's image posts from <paramref name="skip"/> on, <paramref name="take"/> of them: a posts CSV and a zip of their photos.</summary>
    public static (byte[] Posts, byte[] Media) DemoImages(int skip, int take)
    {
        var demo = DemoDirectory();
        var rows = ReadCsv(Path.Combine(demo, "posts.csv"));
        var header = rows[0];
        var (type, mediaColumn) = (Array.IndexOf(header, "media_type"), Array.IndexOf(header, "media"));
        var images = rows.Skip(1).Where(r => r[type] == "image").Skip(skip).Take(take).ToList();
        var posts = string.Join('\n', images.Prepend(header).Select(r => string.Join(',', r.Select(f => '"' + f.Replace("\"", "\"\"", StringComparison.Ordinal) + '"')))) + "\n";
        var media = images.Select(r => r[mediaColumn]).ToList();
        return (TestFiles.Utf8(posts), TestFiles.Zip([.. media.Select(m => (m, File.ReadAllBytes(Path.Combine(demo, "media", m))))]));
    }

    public static byte[] DemoFollowers() => File.ReadAllBytes(Path.Combine(DemoDirectory(), "followers.csv"));

    public async Task InitializeAsync()
    {
        var (posts, zip) = DemoImages(0, Posts);
        using var client = App.CreateClient();
        var (status, _) = await client.ImportAsync(Profile, ("posts.csv", posts), ("followers.csv", DemoFollowers()), ("media.zip", zip));
        Assert.Equal(HttpStatusCode.OK, status);

        // The API imports in the request; the labels come from the background job.
        await App.GetRequiredService<FreshnessService>().SweepAsync();
        var queue = App.GetRequiredService<JobQueue>();
        // Waits while the labelling moves on: on a loaded machine it may take long, but a job that stops progressing fails.
        BackgroundJob? job = null;
        var (lastDone, lastProgress) = (-1L, DateTime.UtcNow);
        while (job?.Status is not (JobStatus.Succeeded or JobStatus.Failed) && DateTime.UtcNow - lastProgress < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(500);
            job = (await queue.RecentAsync(null, AnnotateJobHandler.JobKind, 1)).SingleOrDefault();
            if (job is not null && job.Done != lastDone)
                (lastDone, lastProgress) = (job.Done, DateTime.UtcNow);
        }
        Assert.Equal(JobStatus.Succeeded, job?.Status);

        // The classifier job follows the annotation job (queued by the freshness service); wait for its model.
        var profile = await App.GetRequiredService<ProfileCatalog>().FindAsync(Profile) ?? throw new InvalidOperationException("no profile");
        var store = App.GetRequiredService<ClassifierStore>();
        await App.GetRequiredService<FreshnessService>().EnsureFreshAsync(profile.Id);
        for (var attempt = 0; attempt < 1200 && await store.GetAsync(profile.Id, 3) is null; attempt++)
        {
            var training = await queue.RecentAsync(profile.Id, ClassifierJobHandler.JobKind, 1);
            if (training is [{ Status: JobStatus.Failed } failed])
                throw new InvalidOperationException("Training failed: " + failed.Error);
            await Task.Delay(500);
        }
        Assert.NotNull(await store.GetAsync(profile.Id, 3));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
