using System.Text.Json;
using Insights.Analytics.Annotations;
using Insights.Analytics.Jobs;
using Insights.Analytics.Popularity;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;

namespace Insights.Dashboard.Classification;

/// <summary>
/// Queues a profile's classifier training when its data stamp differs from the stamp of the served models, no
/// annotation is pending (its end triggers training), no training of the profile is queued or running, and the same
/// stamp has not just failed (too few posts would otherwise be retried forever).
/// </summary>
public sealed class ClassifierScheduler(JobQueue queue, ClassifierStore store, PostLabelSource labels, AnnotationStore annotations, PopularityService popularity)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>True when a job was queued.</summary>
    public async Task<bool> EnsureFreshAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var annotation = await queue.RecentAsync(null, AnnotateJobHandler.JobKind, 1, cancellationToken);
            if (annotation is [{ Status: JobStatus.Queued or JobStatus.Running }])
                return false;
            var stamp = await labels.StampAsync(profileId, cancellationToken);
            var served = await store.StampAsync(profileId, popularity.DefaultSettings.Classes, cancellationToken);
            if (served == stamp)
                return false;
            var recent = await queue.RecentAsync(profileId, ClassifierJobHandler.JobKind, 1, cancellationToken);
            if (recent is [{ Status: JobStatus.Queued or JobStatus.Running }])
                return false;
            if (recent is [{ Status: JobStatus.Failed } failed] && Payload(failed)?.Stamp == stamp)
                return false;
            // Asked of the database, not by reading the labels: the check runs for every profile at start.
            if (!await annotations.AnyLabelledAsync(profileId, cancellationToken))
                return false;
            await queue.EnqueueAsync(ClassifierJobHandler.JobKind, "Train the popularity classifier", profileId,
                JsonSerializer.Serialize(new ClassifierJobPayload(profileId, stamp)), cancellationToken);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ClassifierJobPayload? Payload(BackgroundJob job)
    {
        try
        {
            return JsonSerializer.Deserialize<ClassifierJobPayload>(job.PayloadJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
