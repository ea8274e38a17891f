using System.Text.Json;
using Insights.Analytics.Annotations;
using Insights.Analytics.Jobs;
using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Configuration;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Taxonomy;
using Insights.Inference.Vision;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// The one place that decides, from database state alone, which derived state of a profile to queue: a batch of its
/// unlabelled media (newest posts first, with a spread sample of the history), early models at growing counts of
/// labelled posts while labelling runs (<see cref="TrainingSchedule"/>), then (once the profile has no media waiting
/// for labels) its popularity classifier, its drivers model with the content map and its learned label taxonomy,
/// whenever their stored stamp differs from the profile's current one. Job completion,
/// every import path and a slow sweep call it; pages and API reads never do. Queueing goes through
/// <see cref="JobQueue.EnqueueOnceAsync"/>, so any number of processes may decide the same thing at once.
/// </summary>
public sealed class FreshnessService(
    JobQueue queue,
    AnnotationStore annotations,
    MediaAnnotator annotator,
    PostLabelSource labels,
    ClassifierStore classifiers,
    DriversStore drivers,
    TaxonomyScheduler taxonomy,
    PopularityService popularity,
    ProfileCatalog profiles,
    IOptions<AnnotationOptions> annotation,
    IOptions<JobOptions> jobs,
    ILogger<FreshnessService> logger)
{
    /// <summary>Queues what the profile's stale derived state needs; an unknown profile queues nothing.</summary>
    public async Task<FreshnessResult> EnsureFreshAsync(int profileId, CancellationToken cancellationToken = default)
    {
        var profile = (await profiles.ListAsync(cancellationToken)).FirstOrDefault(p => p.Id == profileId);
        return profile is null ? new FreshnessResult(profileId, 0, false, false, false) : await EnsureFreshAsync(profile, null, cancellationToken);
    }

    /// <summary>Every profile: the periodic sweep, and after work that touched several profiles.</summary>
    public Task SweepAsync(CancellationToken cancellationToken = default) => SweepAsync(null, cancellationToken);

    private async Task SweepAsync(long? finishing, CancellationToken cancellationToken)
    {
        foreach (var profile in await profiles.ListAsync(cancellationToken))
        {
            try
            {
                await EnsureFreshAsync(profile, finishing, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One profile's broken state must not keep the others stale.
                logger.LogWarning(ex, "Could not check whether the derived state of profile {Profile} is fresh", profile.Id);
            }
        }
    }

    /// <summary>
    /// As a job ends: its profile's state, or every profile's for a job without one (the demo import). Called by the
    /// worker before it marks a successful job finished (so whoever waits for the job finds the follow-up work already
    /// queued), and after it marks a failed one (so a failure on the same data is seen and not retried).
    /// </summary>
    public async Task AfterJobAsync(BackgroundJob job, CancellationToken cancellationToken = default)
    {
        if (job.ProfileId is not { } profileId)
        {
            await SweepAsync(job.Id, cancellationToken);
            return;
        }
        if ((await profiles.ListAsync(cancellationToken)).FirstOrDefault(p => p.Id == profileId) is { } profile)
            await EnsureFreshAsync(profile, job.Id, cancellationToken);
    }

    private async Task<FreshnessResult> EnsureFreshAsync(ProfileSummary profile, long? finishing, CancellationToken cancellationToken)
    {
        // The job that is ending counts as done: a labelling batch ending queues the next one.
        var active = (await queue.RecentAsync(profile.Id, null, 20, cancellationToken))
            .Where(j => j.Id != finishing && j.Status is JobStatus.Queued or JobStatus.Running).Select(j => j.Kind).ToHashSet(StringComparer.Ordinal);
        var pending = annotation.Value.Enabled ? await annotations.PendingCountAsync(annotator.Version, profile.Id, cancellationToken) : 0;
        if (pending > 0)
            return await WhileLabellingAsync(profile, pending, active, cancellationToken);
        if (profile.PostCount == 0)
            return new FreshnessResult(profile.Id, 0, false, false, false);

        var stamp = await labels.StampAsync(profile.Id, cancellationToken);
        var classifier = !active.Contains(ClassifierJobHandler.JobKind) && await ClassifierStaleAsync(profile, stamp, cancellationToken)
            && (await queue.EnqueueOnceAsync(ClassifierJobHandler.JobKind, $"Train the popularity classifier of '{profile.Name}'", profile.Id,
                JsonSerializer.Serialize(new ClassifierJobPayload(profile.Id, stamp)), cancellationToken)).Queued;
        var model = !active.Contains(DriversJobHandler.JobKind) && await DriversStaleAsync(profile, stamp, cancellationToken)
            && (await queue.EnqueueOnceAsync(DriversJobHandler.JobKind, $"Train the drivers model of '{profile.Name}'", profile.Id,
                JsonSerializer.Serialize(new DriversJobPayload(stamp)), cancellationToken)).Queued;
        var topics = !active.Contains(TaxonomyJobHandler.JobKind) && await taxonomy.StaleAsync(profile.Id, stamp, cancellationToken)
            && (await queue.EnqueueOnceAsync(TaxonomyJobHandler.JobKind, $"Learn the label taxonomy of '{profile.Name}'", profile.Id,
                JsonSerializer.Serialize(new TaxonomyJobPayload(profile.Id, stamp)), cancellationToken)).Queued;
        return new FreshnessResult(profile.Id, 0, false, classifier, model, topics);
    }

    /// <summary>
    /// While a profile's media are being labelled: its classifier and its drivers model (with the content map) are
    /// trained at the steps of <see cref="TrainingSchedule"/> on the posts labelled so far, and the next labelling batch
    /// ends at the next step. The classifier goes before the batch (the lane runs the oldest job first: the first class
    /// on Predict comes before more labelling), the drivers model after it.
    /// </summary>
    private async Task<FreshnessResult> WhileLabellingAsync(ProfileSummary profile, int pending, HashSet<string> active, CancellationToken cancellationToken)
    {
        var labelled = (await annotations.CoverageAsync(annotator.Version, profile.Id, cancellationToken)).LabelledPosts;
        var stamp = await labels.StampAsync(profile.Id, cancellationToken);
        var options = jobs.Value;
        var classifier = !active.Contains(ClassifierJobHandler.JobKind)
            && TrainingSchedule.DueWhileLabelling(labelled, await ClassifierTrainedOnAsync(profile, cancellationToken), options)
            && (await queue.EnqueueOnceAsync(ClassifierJobHandler.JobKind, $"Train the popularity classifier of '{profile.Name}' on its {labelled:N0} labelled posts", profile.Id,
                JsonSerializer.Serialize(new ClassifierJobPayload(profile.Id, stamp, labelled)), cancellationToken)).Queued;
        // The end of each batch calls back here for the next one.
        var batch = TrainingSchedule.BatchSize(labelled, options);
        var labelling = !active.Contains(AnnotateJobHandler.JobKind) && (await queue.EnqueueOnceAsync(AnnotateJobHandler.JobKind,
            $"Label the media of '{profile.Name}' ({Math.Min(pending, batch):N0} of {pending:N0} files)", profile.Id,
            JsonSerializer.Serialize(new AnnotateJobPayload(batch)), cancellationToken)).Queued;
        var model = !active.Contains(DriversJobHandler.JobKind)
            && TrainingSchedule.DueWhileLabelling(labelled, await DriversTrainedOnAsync(profile, cancellationToken), options)
            && (await queue.EnqueueOnceAsync(DriversJobHandler.JobKind, $"Train the drivers model of '{profile.Name}' on its {labelled:N0} labelled posts", profile.Id,
                JsonSerializer.Serialize(new DriversJobPayload(stamp, labelled)), cancellationToken)).Queued;
        return new FreshnessResult(profile.Id, pending, labelling, classifier, model);
    }

    /// <summary>
    /// The labelled posts the classifier last tried to train on: its saved model's (a model from before early training,
    /// or trained once labelling was done, counts as trained on everything), or a later failed attempt's, so a failure
    /// is retried at the next step and not after every batch. Null when it never tried.
    /// </summary>
    private async Task<int?> ClassifierTrainedOnAsync(ProfileSummary profile, CancellationToken cancellationToken)
    {
        var saved = await classifiers.TrainedOnAsync(profile.Id, popularity.DefaultSettings.Classes, cancellationToken);
        int? trainedOn = saved is { } s ? s.Coverage?.LabelledPosts ?? int.MaxValue : null;
        var last = await queue.RecentAsync(profile.Id, ClassifierJobHandler.JobKind, 1, cancellationToken);
        return last is [{ Status: JobStatus.Failed } failed] && Payload<ClassifierJobPayload>(failed)?.LabelledPosts is { } tried
            ? Math.Max(tried, trainedOn ?? 0) : trainedOn;
    }

    /// <summary>As <see cref="ClassifierTrainedOnAsync"/>, for the drivers model.</summary>
    private async Task<int?> DriversTrainedOnAsync(ProfileSummary profile, CancellationToken cancellationToken)
    {
        int? trainedOn = drivers.GetFigures(profile.Id) is { } figures ? figures.Coverage?.LabelledPosts ?? int.MaxValue : null;
        var last = await queue.RecentAsync(profile.Id, DriversJobHandler.JobKind, 1, cancellationToken);
        return last is [{ Status: JobStatus.Failed } failed] && Payload<DriversJobPayload>(failed)?.LabelledPosts is { } tried
            ? Math.Max(tried, trainedOn ?? 0) : trainedOn;
    }

    private async Task<bool> ClassifierStaleAsync(ProfileSummary profile, string stamp, CancellationToken cancellationToken)
    {
        if (await classifiers.StampAsync(profile.Id, popularity.DefaultSettings.Classes, cancellationToken) == stamp)
            return false;
        // The same data failing again (too few posts) would be retried forever.
        var last = await queue.RecentAsync(profile.Id, ClassifierJobHandler.JobKind, 1, cancellationToken);
        if (last is [{ Status: JobStatus.Failed } failed] && Payload<ClassifierJobPayload>(failed)?.Stamp == stamp)
            return false;
        // Without labelled media (a metrics-only profile) there is nothing to train a classifier on.
        // Asked of the database, not by reading the labels: the sweep checks every profile.
        return await annotations.AnyLabelledAsync(profile.Id, cancellationToken);
    }

    private async Task<bool> DriversStaleAsync(ProfileSummary profile, string stamp, CancellationToken cancellationToken)
    {
        if (drivers.GetFigures(profile.Id)?.Stamp == stamp)
            return false;
        var last = await queue.RecentAsync(profile.Id, DriversJobHandler.JobKind, 1, cancellationToken);
        return !(last is [{ Status: JobStatus.Failed } failed] && Payload<DriversJobPayload>(failed)?.Stamp == stamp);
    }

    private static T? Payload<T>(BackgroundJob job) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(job.PayloadJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
