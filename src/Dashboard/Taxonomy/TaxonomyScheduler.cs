using System.Text.Json;
using Insights.Analytics.Jobs;
using Insights.Analytics.Taxonomy;
using Insights.Dashboard.Labels;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Taxonomy;

/// <summary>
/// A profile's taxonomy against its labels, read from the database: whether the stored heads are fresh, whether their
/// training is queued or running, and whether it should be queued. <see cref="Jobs.FreshnessService"/> does the queueing;
/// pages and the API only read.
/// </summary>
public sealed class TaxonomyScheduler(JobQueue queue, TaxonomyStore store, PostLabelSource labels, IOptions<TaxonomyOptions> options)
{
    /// <summary>The newest taxonomy job of the profile, if any.</summary>
    public async Task<BackgroundJob?> LatestJobAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await queue.RecentAsync(profileId, TaxonomyJobHandler.JobKind, 1, cancellationToken)).FirstOrDefault();

    /// <summary>True while the profile's taxonomy training is queued or running.</summary>
    public async Task<bool> TrainingAsync(int profileId, CancellationToken cancellationToken = default) =>
        await LatestJobAsync(profileId, cancellationToken) is { Status: JobStatus.Queued or JobStatus.Running };

    /// <summary>True when the stored heads were trained on the current data and labels.</summary>
    public async Task<bool> IsFreshAsync(int profileId, CancellationToken cancellationToken = default) =>
        await store.StampAsync(profileId, cancellationToken) == await labels.StampAsync(profileId, cancellationToken);

    /// <summary>
    /// True when training on <paramref name="stamp"/> is due: learning is on, the stored heads are older, the profile has
    /// manual labels, and the same stamp has not just failed (it would fail again).
    /// </summary>
    public async Task<bool> StaleAsync(int profileId, string stamp, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled || await store.StampAsync(profileId, cancellationToken) == stamp)
            return false;
        if (await LatestJobAsync(profileId, cancellationToken) is { Status: JobStatus.Failed } failed && PayloadStamp(failed) == stamp)
            return false;
        return await store.HasManualLabelsAsync(profileId, cancellationToken);
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
