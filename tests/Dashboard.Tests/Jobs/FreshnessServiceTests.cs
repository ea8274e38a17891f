using System.Net;
using Insights.Analytics.Annotations;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Tests.Api;
using Insights.Dashboard.Tests.Classification;
using Insights.Inference.Vision;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>
/// Per-profile freshness with labelling on: while another process labels one profile's media (a running labelling job
/// whose lease lasts), other profiles get their drivers model and classifier at once, and the busy profile waits.
/// </summary>
public sealed class FreshnessServiceTests : IAsyncLifetime
{
    private readonly InsightsApiFixture _app = InsightsApiFixture.Create(new Dictionary<string, string?> { ["Annotation:Enabled"] = "true" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AMetricsOnlyProfile_AndALabelledOne_Train_WhileAnotherProfileIsBeingLabelled()
    {
        var version = _app.GetRequiredService<MediaAnnotator>().Version;
        var imports = _app.GetRequiredService<ImportService>();
        var busy = (await imports.EnsureProfileAsync("being-labelled")).Id;
        var labelling = await OtherProcessLabelsAsync(busy);
        using var client = _app.CreateClient();
        var (status, body) = await client.ImportAsync("being-labelled", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)),
            ("media.zip", TestFiles.Zip(("P1.png", TestFiles.Png(1, 2, 3)), ("P2.png", TestFiles.Png(4, 5, 6)))));
        Assert.True(status == HttpStatusCode.OK, body.ToString());

        // A profile with no media: nothing to label, so its drivers model is trained now.
        (status, body) = await client.ImportAsync("metrics-only", ("posts.csv", TestFiles.Utf8(Posts(120))), ("followers.csv", TestFiles.Utf8("date,followers\n2024-01-01,10000\n")));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var queue = _app.GetRequiredService<JobQueue>();
        var metricsOnly = await ProfileIdAsync("metrics-only");
        var drivers = await FinishedAsync(queue, metricsOnly, DriversJobHandler.JobKind);
        Assert.True(drivers.Status == JobStatus.Succeeded, drivers.Error);
        Assert.NotNull(_app.GetRequiredService<DriversStore>().GetFigures(metricsOnly));

        // A profile whose media another process labelled: its classifier is trained, the other labelling still running.
        var labelledProfile = (await imports.EnsureProfileAsync("labelled")).Id;
        var itsLabelling = await OtherProcessLabelsAsync(labelledProfile);
        var labelled = await LabelledProfile.SeedAsync(_app, "labelled", posts: 60, version);
        await queue.FinishAsync(itsLabelling, "another-process", JobStatus.Succeeded, "{}", null);
        var fresh = await _app.GetRequiredService<FreshnessService>().EnsureFreshAsync(labelled);
        Assert.Equal((0, true), (fresh.PendingLabels, fresh.Classifier));
        var classifier = await FinishedAsync(queue, labelled, ClassifierJobHandler.JobKind);
        Assert.True(classifier.Status == JobStatus.Succeeded, classifier.Error);

        // The profile being labelled waits for its own labels: nothing but its labelling is queued for it.
        var waiting = await _app.GetRequiredService<FreshnessService>().EnsureFreshAsync(busy);
        Assert.Equal((2, false, false, false), (waiting.PendingLabels, waiting.Labelling, waiting.Classifier, waiting.Drivers));
        Assert.Equal(new[] { labelling }, (await queue.RecentAsync(busy, null, 10)).Where(j => j.Kind != ImportJobHandler.JobKind).Select(j => j.Id));
        Assert.Equal(JobStatus.Running, (await queue.GetAsync(labelling))!.Status);
    }

    [Fact]
    public async Task WhileLabelling_TheFirstModelsAreTrainedOnTheLabelledPosts_SayHowMany_AndAreRetrainedWhenTheLabelledPostsDouble()
    {
        var version = _app.GetRequiredService<MediaAnnotator>().Version;
        var queue = _app.GetRequiredService<JobQueue>();
        var freshness = _app.GetRequiredService<FreshnessService>();
        var profileId = (await _app.GetRequiredService<ImportService>().EnsureProfileAsync("early")).Id;
        // Another process labels this profile's files: 60 of its 130 posts have labels so far.
        var labelling = await OtherProcessLabelsAsync(profileId);
        await LabelledProfile.SeedAsync(_app, "early", posts: 130, version, labelledPosts: 60);

        var fresh = await freshness.EnsureFreshAsync(profileId);
        Assert.Equal((70, false, true, true), (fresh.PendingLabels, fresh.Labelling, fresh.Classifier, fresh.Drivers));
        var classifierJob = await FinishedAsync(queue, profileId, ClassifierJobHandler.JobKind);
        Assert.True(classifierJob.Status == JobStatus.Succeeded, classifierJob.Error);
        var classifier = await _app.GetRequiredService<ClassifierStore>().GetAsync(profileId, 3);
        Assert.NotNull(classifier);
        Assert.Equal(new TrainingCoverage(60, 130, false), classifier.Coverage);
        Assert.Equal("Trained on 60 of 130 posts (those labelled so far); improves as labelling continues.", classifier.CoverageNote);
        Assert.Equal(60, classifier.Embeddings.Count);
        var driversJob = await FinishedAsync(queue, profileId, DriversJobHandler.JobKind);
        Assert.True(driversJob.Status == JobStatus.Succeeded, driversJob.Error);
        var figures = _app.GetRequiredService<DriversStore>().GetFigures(profileId);
        Assert.Equal(new TrainingCoverage(60, 130, false), figures?.Coverage);
        // Only the labelled posts: an unlabelled one is not read as a post without people or text.
        Assert.Equal(60, figures!.Metrics.Posts);

        // More labels, but not yet twice as many: the models stay as they are while labelling goes on.
        await LabelledProfile.LabelAsync(_app, profileId, version, 60, 90);
        fresh = await freshness.EnsureFreshAsync(profileId);
        Assert.Equal((40, false, false), (fresh.PendingLabels, fresh.Classifier, fresh.Drivers));

        // Twice as many: both are trained again, on the 100 labelled posts.
        await LabelledProfile.LabelAsync(_app, profileId, version, 90, 100);
        fresh = await freshness.EnsureFreshAsync(profileId);
        Assert.Equal((30, true, true), (fresh.PendingLabels, fresh.Classifier, fresh.Drivers));
        var again = (await queue.RecentAsync(profileId, ClassifierJobHandler.JobKind, 1)).Single();
        Assert.Equal(100, System.Text.Json.JsonSerializer.Deserialize<ClassifierJobPayload>(again.PayloadJson)!.LabelledPosts);
        Assert.Equal(JobStatus.Running, (await queue.GetAsync(labelling))!.Status);
    }

    /// <summary>A labelling job of the profile claimed by another process, its lease renewed for the whole test.</summary>
    private async Task<long> OtherProcessLabelsAsync(int profileId)
    {
        var queue = _app.GetRequiredService<JobQueue>();
        var id = await queue.EnqueueAsync(AnnotateJobHandler.JobKind, "Label the media", profileId, "{\"batch\":200}");
        await using var context = _app.NewDbContext();
        await context.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Running).SetProperty(j => j.ClaimedBy, "another-process")
            .SetProperty(j => j.LeaseUntil, DateTime.UtcNow.AddHours(1)).SetProperty(j => j.Attempts, 1));
        return id;
    }

    private async Task<int> ProfileIdAsync(string name)
    {
        await using var context = _app.NewDbContext();
        return await context.Profiles.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    private static async Task<BackgroundJob> FinishedAsync(JobQueue queue, int profileId, string kind)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!limit.IsCancellationRequested)
        {
            if ((await queue.RecentAsync(profileId, kind, 1)).FirstOrDefault() is { Status: JobStatus.Succeeded or JobStatus.Failed } job)
                return job;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No '{kind}' job of profile {profileId} finished.");
    }

    private static string Posts(int count)
    {
        var csv = new System.Text.StringBuilder("Post ID,Publish time,Likes,Comments\n");
        for (var i = 0; i < count; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"M{i},{new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-dd}T10:00:00Z,{100 + i % 13 * 20},{i % 5}\n");
        return csv.ToString();
    }
}
