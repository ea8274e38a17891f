using System.Net;
using System.Text.Json;
using Insights.Analytics.Annotations;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Tests.Api;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>Background labelling of imported media, with the real models.</summary>
public class AnnotateJobHandlerTests
{
    private static string DemoImage()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var media = Path.Combine(directory.FullName, "data", "demo", "media");
            if (Directory.Exists(media))
                return Directory.EnumerateFiles(media, "img_*.jpg").Order(StringComparer.Ordinal).First();
        }
        throw new DirectoryNotFoundException("data/demo/media");
    }

    [Fact]
    public async Task ImportedMedia_AreLabelledInTheBackground_AndACorruptFileIsRecordedWithItsReason()
    {
        await using var app = InsightsApiFixture.Create(new Dictionary<string, string?> { ["Annotation:Enabled"] = "true" });
        using var client = app.CreateClient();
        var photo = await File.ReadAllBytesAsync(DemoImage());
        var posts = "Post ID,Publish time,Likes,Comments,Media\nA1,2024-01-01T10:00:00Z,10,1,good.jpg\nA2,2024-01-02T10:00:00Z,12,1,cut.jpg\n";
        var zip = TestFiles.Zip(("good.jpg", photo), ("cut.jpg", photo[..(photo.Length / 3)]));

        var (status, _) = await client.ImportAsync("labelled-media", ("posts.csv", TestFiles.Utf8(posts)), ("media.zip", zip));
        Assert.Equal(HttpStatusCode.OK, status);
        // The API imports in the request; media are labelled by a job, queued at the next start or by the page's import job.
        await app.GetRequiredService<Insights.Dashboard.Jobs.FreshnessService>().SweepAsync();

        var queue = app.GetRequiredService<JobQueue>();
        BackgroundJob? job = null;
        for (var attempt = 0; attempt < 600 && job?.Status is not (JobStatus.Succeeded or JobStatus.Failed); attempt++)
        {
            await Task.Delay(500);
            job = (await queue.RecentAsync(null, Insights.Dashboard.Jobs.AnnotateJobHandler.JobKind, 1)).SingleOrDefault();
        }

        Assert.Equal(JobStatus.Succeeded, job?.Status);
        var annotator = app.GetRequiredService<MediaAnnotator>();
        var progress = await app.GetRequiredService<AnnotationStore>().ProgressAsync(annotator.Version);
        Assert.Equal(2, progress.Assets);
        Assert.Equal(1, progress.Done);
        Assert.Equal(1, progress.Failed);
        Assert.Empty(await app.GetRequiredService<AnnotationStore>().PendingAsync(annotator.Version));
        using var result = JsonDocument.Parse(job!.ResultJson!);
        Assert.Equal(1, result.RootElement.GetProperty("failed").GetInt32());
    }
}
