using System.Text.Json;
using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Analytics.Taxonomy;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Taxonomy;

/// <summary>
/// Queues a profile's taxonomy training when the stamp of its stored heads differs from its labels stamp, the profile
/// has manual labels, labelling is not under way (its end triggers training), no training of the profile is queued or
/// running, and the same stamp has not just failed.
/// </summary>
public sealed class TaxonomyScheduler(JobQueue queue, TaxonomyStore store, PostLabelSource labels, ProfileCatalog profiles, IOptions<TaxonomyOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The newest taxonomy job of the profile, if any.</summary>
    public async Task<BackgroundJob?> LatestJobAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await queue.RecentAsync(profileId, TaxonomyJobHandler.JobKind, 1, cancellationToken)).FirstOrDefault();

    /// <summary>True when the stored heads were trained on the current data and labels.</summary>
    public async Task<bool> IsFreshAsync(int profileId, CancellationToken cancellationToken = default) =>
        await store.StampAsync(profileId, cancellationToken) == await labels.StampAsync(profileId, cancellationToken);

    /// <summary>Queues training when the heads are stale; true when a job is now queued or running.</summary>
    public async Task<bool> EnsureFreshAsync(int profileId, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
            return false;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var stamp = await labels.StampAsync(profileId, cancellationToken);
            if (await store.StampAsync(profileId, cancellationToken) == stamp)
                return false;
            var latest = await LatestJobAsync(profileId, cancellationToken);
            if (latest is { Status: JobStatus.Queued or JobStatus.Running })
                return true;
            if (latest is { Status: JobStatus.Failed } && PayloadStamp(latest) == stamp)
                return false;
            if (!await store.HasManualLabelsAsync(profileId, cancellationToken))
                return false;
            var annotating = await queue.RecentAsync(null, AnnotateJobHandler.JobKind, 1, cancellationToken);
            if (annotating is [{ Status: JobStatus.Queued or JobStatus.Running }])
                return false;
            var name = (await profiles.ListAsync(cancellationToken)).FirstOrDefault(p => p.Id == profileId)?.Name ?? profileId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await queue.EnqueueAsync(TaxonomyJobHandler.JobKind, $"Learn the label taxonomy of '{name}'", profileId,
                JsonSerializer.Serialize(new TaxonomyJobPayload(profileId, stamp)), cancellationToken);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string? PayloadStamp(BackgroundJob job)
    {
        try
        {
            return JsonSerializer.Deserialize<TaxonomyJobPayload>(job.PayloadJson)?.Stamp;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
