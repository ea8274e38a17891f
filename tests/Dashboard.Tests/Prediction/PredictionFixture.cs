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

    public async Task InitializeAsync()
    {
        var demo = DemoDirectory();
        var rows = ReadCsv(Path.Combine(demo, "posts.csv"));
        var header = rows[0];
        var (type, mediaColumn) = (Array.IndexOf(header, "media_type"), Array.IndexOf(header, "media"));
        var images = rows.Skip(1).Where(r => r[type] == "image").Take(Posts).ToList();
        var posts = string.Join('\n', images.Prepend(header).Select(r => string.Join(',', r.Select(f => '"' + f.Replace("\"", "\"\"", StringComparison.Ordinal) + '"')))) + "\n";
        var media = images.Select(r => r[mediaColumn]).ToList();
        var zip = TestFiles.Zip([.. media.Select(m => (m, File.ReadAllBytes(Path.Combine(demo, "media", m))))]);

        using var client = App.CreateClient();
        var (status, _) = await client.ImportAsync(Profile, ("posts.csv", TestFiles.Utf8(posts)),
            ("followers.csv", await File.ReadAllBytesAsync(Path.Combine(demo, "followers.csv"))), ("media.zip", zip));
        Assert.Equal(HttpStatusCode.OK, status);

        // The API imports in the request; the labels come from the background job.
        await App.GetRequiredService<FreshnessService>().SweepAsync();
        var queue = App.GetRequiredService<JobQueue>();
        BackgroundJob? job = null;
        for (var attempt = 0; attempt < 1200 && job?.Status is not (JobStatus.Succeeded or JobStatus.Failed); attempt++)
        {
            await Task.Delay(500);
            job = (await queue.RecentAsync(null, AnnotateJobHandler.JobKind, 1)).SingleOrDefault();
        }
        Assert.Equal(JobStatus.Succeeded, job?.Status);

        // The classifier job follows the annotation job (ClassifierWatcher); wait for its model.
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
