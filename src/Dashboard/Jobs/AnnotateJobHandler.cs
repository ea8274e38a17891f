using System.Diagnostics;
using System.Text.Json;
using Insights.Analytics.Annotations;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Media;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// Labels a batch of a profile's media assets that have no labels of the current version, one at a time (each model
/// run already uses every core); the freshness service queues the next batch when it ends. Finished assets are never
/// redone, so a job run again after its worker stopped resumes where it stopped; a file that cannot be labelled is
/// recorded with its reason and the rest go on.
/// </summary>
public sealed class AnnotateJobHandler(AnnotationStore annotations, MediaAnnotator annotator, IFileStore files, ThumbnailService thumbnails, ILogger<AnnotateJobHandler> logger) : IJobHandler
{
    public const string JobKind = "annotate";

    /// <summary>Files the pace is measured over.</summary>
    private const int RecentFiles = 30;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Kind => JobKind;

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        // A job queued before batches existed has no payload: it labels everything pending, as it did then.
        var payload = JsonSerializer.Deserialize<AnnotateJobPayload>(job.PayloadJson, Json);
        int? batch = payload is { Batch: > 0 } ? payload.Batch : null;
        var pending = await annotations.PendingAsync(annotator.Version, job.ProfileId, batch, cancellationToken);
        // The whole profile's files left, for the time-left estimate (the batch is only a slice of it).
        var profileLeft = await annotations.PendingCountAsync(annotator.Version, job.ProfileId, cancellationToken);
        int done = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var asset in pending)
        {
            try
            {
                var annotation = await annotator.AnnotateFileAsync(files.FullPath(asset.StoragePath), cancellationToken);
                // The CAM feature map is recomputed for drafts when needed; storing it would cost ~250 KB per asset.
                var labels = annotation.Labels with { FeatureMap = null };
                await annotations.SaveAsync(asset.AssetId, annotator.Version, StoredLabels.ToValues(labels), null, cancellationToken);
                // The Library's grid shows these files next: make their previews now, while the file is in the page cache.
                await WarmPreviewAsync(asset, cancellationToken);
            }
            catch (MediaRejectedException ex)
            {
                failed++;
                await annotations.SaveAsync(asset.AssetId, annotator.Version, null, ex.Message, cancellationToken);
            }
            catch (ModelUnavailableException)
            {
                // Nothing can be labelled without the models; fail the job with the store's own explanation.
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                logger.LogWarning(ex, "Media asset {Asset} could not be labelled", asset.AssetId);
                await annotations.SaveAsync(asset.AssetId, annotator.Version, null, ex.Message, cancellationToken);
            }
            done++;
            var recent = job.ProfileId is { } profileId
                ? await annotations.RecentLabelTimesAsync(annotator.Version, profileId, RecentFiles, cancellationToken)
                : [];
            progress.Report(done, pending.Count, ProgressText(done, pending.Count, failed, profileLeft - done, recent, clock.Elapsed));
        }
        return JsonSerializer.Serialize(new { labelled = done - failed, failed, version = annotator.Version });
    }

    private async Task WarmPreviewAsync(PendingAsset asset, CancellationToken cancellationToken)
    {
        if (asset.Sha256 is not { } sha)
            return;
        try
        {
            await thumbnails.GetAsync(sha, asset.StoragePath, ThumbnailService.DefaultSize, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A preview is a convenience: the labels are saved, and the page makes the preview on demand.
            logger.LogDebug(ex, "No preview made for media asset {Asset}", asset.AssetId);
        }
    }

    /// <summary>
    /// "30 of 50 labelled in this batch, 0 failed; 1,579 files of the profile left, about 26 min (1.0 s per file over the
    /// last 30)". The pace is the median gap between the profile's most recent files in the database, so it carries over
    /// batches and restarts; until a few files give one, no time is promised.
    /// </summary>
    public static string ProgressText(int done, int total, int failed, int profileLeft, IReadOnlyList<DateTime> recent, TimeSpan elapsed)
    {
        var batch = $"{done:N0} of {total:N0} labelled in this batch, {failed:N0} failed";
        if (profileLeft <= 0)
            return batch + "; the profile's last files";
        var left = $"{profileLeft:N0} files of the profile left";
        return LabellingPace.SecondsPerFile(recent) is { } perFile
            ? $"{batch}; {left}, about {LabellingPace.Words(TimeSpan.FromSeconds(perFile * profileLeft))} ({perFile:0.0} s per file over the last {recent.Count:N0})"
            : $"{batch}; {left}, time left estimated after {LabellingPace.MinimumFiles} files ({elapsed.TotalSeconds:0} s so far)";
    }
}
