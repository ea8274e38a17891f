using System.Net;
using System.Text;
using Insights.Analytics.Annotations;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Tests.Api;
using Insights.Dashboard.Tests.Jobs;
using Insights.Inference.Vision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.Dashboard.Tests.Classification;

/// <summary>The classifier job trains on stored labels and popularity classes, saves per K, serves fresh models and reloads them from files.</summary>
public sealed class ClassifierJobTests : IClassFixture<InsightsApiFixture>
{
    private readonly InsightsApiFixture _app;

    public ClassifierJobTests(InsightsApiFixture app) => _app = app;

    [Fact]
    public async Task LabelledPosts_TrainAClassifierPerK_ThatLearnsThePlantedSignal_AndReloadsFromItsFiles()
    {
        var profileId = await SeedAsync("classifier-job", posts: 80);
        var scheduler = _app.GetRequiredService<ClassifierScheduler>();
        var queue = _app.GetRequiredService<JobQueue>();

        await scheduler.EnsureFreshAsync(profileId);
        var job = await queue.FinishedOfKindAsync(ClassifierJobHandler.JobKind);

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        var store = _app.GetRequiredService<ClassifierStore>();
        var two = await store.GetAsync(profileId, 2);
        var three = await store.GetAsync(profileId, 3);
        Assert.NotNull(two);
        Assert.NotNull(three);
        Assert.Equal(80, two.Embeddings.Count);
        Assert.Equal(await _app.GetRequiredService<PostLabelSource>().StampAsync(profileId), two.Stamp);
        Assert.True(two.Validation.Accuracy > 0.8, $"K=2 accuracy {two.Validation.Accuracy}");
        Assert.True(two.Validation.BeatsBaseline);
        Assert.Equal(3, three.Classifier.ClassCount);
        Assert.False(await scheduler.EnsureFreshAsync(profileId));

        var reloaded = await new ClassifierStore(_app.GetRequiredService<IFileStore>(), TestCaches.New(), NullLogger<ClassifierStore>.Instance).GetAsync(profileId, 2);
        Assert.NotNull(reloaded);
        Assert.Equal(two.Stamp, reloaded.Stamp);
        Assert.Equal(two.Validation.Accuracy, reloaded.Validation.Accuracy);
        Assert.Equal(two.Embeddings.PostIds, reloaded.Embeddings.PostIds);
        var e = two.Embeddings.Row(5).ToArray();
        Assert.Equal(two.Classifier.Probabilities(e), reloaded.Classifier.Probabilities(e));
        Assert.Equal(two.Embeddings.Top(e, 3), reloaded.Embeddings.Top(e, 3));
    }

    [Fact]
    public async Task AProfileWithoutLabels_QueuesNothing()
    {
        using var client = _app.CreateClient();
        var (status, body) = await client.ImportAsync("classifier-none", ("posts.csv", TestFiles.Utf8("Post ID,Publish time,Likes,Comments\nA,2024-01-01T10:00:00Z,10,1\n")));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        await using var context = _app.NewDbContext();
        var profileId = await context.Profiles.Where(p => p.Name == "classifier-none").Select(p => p.Id).SingleAsync();

        Assert.False(await _app.GetRequiredService<ClassifierScheduler>().EnsureFreshAsync(profileId));
        Assert.Null(await _app.GetRequiredService<ClassifierStore>().GetAsync(profileId, 3));
    }

    /// <summary>Posts a day apart; odd posts get 10x the likes and an embedding leaning one way, even posts the other.</summary>
    private async Task<int> SeedAsync(string profile, int posts)
    {
        var csv = new StringBuilder("Post ID,Publish time,Likes,Comments\n");
        var files = new List<(string, byte[])>();
        for (var i = 0; i < posts; i++)
        {
            csv.Append($"P{i},{new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc).AddDays(i):yyyy-MM-ddTHH:mm:ssZ},{(i % 2 == 1 ? 500 : 50) + i},{i % 5}\n");
            files.Add(($"P{i}.png", TestFiles.Png((byte)i, (byte)(255 - i), (byte)(i * 3))));
        }
        using var client = _app.CreateClient();
        var (status, body) = await client.ImportAsync(profile,
            ("posts.csv", TestFiles.Utf8(csv.ToString())), ("followers.csv", TestFiles.Utf8("date,followers\n2024-01-01,10000\n")), ("media.zip", TestFiles.Zip([.. files])));
        Assert.True(status == HttpStatusCode.OK, body.ToString());

        await using var context = _app.NewDbContext();
        var profileId = await context.Profiles.Where(p => p.Name == profile).Select(p => p.Id).SingleAsync();
        var links = await context.PostMedia.Where(pm => pm.Post!.ProfileId == profileId)
            .Select(pm => new { pm.Post!.PlatformPostId, pm.MediaAssetId }).ToListAsync();
        var store = _app.GetRequiredService<AnnotationStore>();
        var random = new Random(1);
        foreach (var link in links)
        {
            var i = int.Parse(link.PlatformPostId[1..], System.Globalization.CultureInfo.InvariantCulture);
            await store.SaveAsync(link.MediaAssetId, "test", StoredLabels.ToValues(Labels(i % 2 == 1, random)), null);
        }
        return profileId;
    }

    private static LabelSet Labels(bool popular, Random random)
    {
        var embedding = Enumerable.Range(0, 1280).Select(j => (float)Math.Max(0, random.NextDouble() + (popular == (j < 640) ? 0.4 : 0))).ToArray();
        var norm = (float)Math.Sqrt(embedding.Sum(v => (double)v * v));
        return new LabelSet
        {
            Kind = MediaKind.Image,
            Width = 100,
            Height = 100,
            People = new PeopleLabel(0, PeopleLabel.ClassOf(0), []),
            Faces = new FaceLabel(0, []),
            Objects = [],
            Text = new TextOverlayLabel(false, 0f, []),
            Style = new StyleLabel(false, 0.1f, false, 0.01f, new Dictionary<string, float>()),
            Stats = new VisualStats(0.5f, 0.2f, 0.3f, 0.4f, null, 1f),
            Embedding = embedding,
            EmbeddingNormalized = embedding.Select(v => v / norm).ToArray(),
            Models = new Dictionary<string, string>(),
        };
    }
}
