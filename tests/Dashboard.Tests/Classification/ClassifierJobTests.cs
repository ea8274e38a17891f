using System.Net;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Tests.Api;
using Insights.Dashboard.Tests.Jobs;
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
        var profileId = await LabelledProfile.SeedAsync(_app, "classifier-job", posts: 80, "test");
        var freshness = _app.GetRequiredService<FreshnessService>();
        var queue = _app.GetRequiredService<JobQueue>();

        var store = _app.GetRequiredService<ClassifierStore>();
        var stamp = await _app.GetRequiredService<PostLabelSource>().StampAsync(profileId);
        // The freshness check queues the training, unless the periodic sweep or the import's end got there first
        // (possibly on part of the labels, while they were being stored): then it queues again after that job.
        await freshness.EnsureFreshAsync(profileId);
        var job = await queue.FinishedOfKindAsync(ClassifierJobHandler.JobKind, profileId);
        for (var attempt = 0; await store.StampAsync(profileId, 2) != stamp && attempt < 3; attempt++)
        {
            await freshness.EnsureFreshAsync(profileId);
            job = await queue.FinishedOfKindAsync(ClassifierJobHandler.JobKind, profileId);
        }

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        var two = await store.GetAsync(profileId, 2);
        var three = await store.GetAsync(profileId, 3);
        Assert.NotNull(two);
        Assert.NotNull(three);
        Assert.Equal(80, two.Embeddings.Count);
        Assert.Equal(stamp, two.Stamp);
        Assert.True(two.Validation.Accuracy > 0.8, $"K=2 accuracy {two.Validation.Accuracy}");
        Assert.True(two.Validation.BeatsBaseline);
        Assert.Equal(3, three.Classifier.ClassCount);
        Assert.False((await freshness.EnsureFreshAsync(profileId)).Classifier);

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

        Assert.False((await _app.GetRequiredService<FreshnessService>().EnsureFreshAsync(profileId)).Classifier);
        Assert.Null(await _app.GetRequiredService<ClassifierStore>().GetAsync(profileId, 3));
    }
}
