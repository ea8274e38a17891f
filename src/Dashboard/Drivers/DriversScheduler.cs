using Insights.Analytics.Jobs;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;

namespace Insights.Dashboard.Drivers;

/// <summary>What the drivers page knows about a profile's model.</summary>
public enum DriversState
{
    /// <summary>Trained on the current data and labels.</summary>
    Fresh = 0,
    /// <summary>A model serves, but the data or labels changed since; a new one is queued or waits for labelling.</summary>
    Stale = 1,
    /// <summary>No model yet.</summary>
    Missing = 2,
}

/// <summary>Payload of a drivers job: the stamp it was queued for (a failed job is not retried for the same stamp).</summary>
/// <param name="LabelledPosts">While labelling runs, the labelled posts when it was queued (an early training); null once labelling is done.</param>
public sealed record DriversJobPayload(string Stamp, int? LabelledPosts = null);

/// <summary>Reads what the Drivers page and API show about a profile's model; <see cref="Jobs.FreshnessService"/> queues the training.</summary>
public sealed class DriversScheduler(JobQueue queue, DriversStore store, PostLabelSource labels)
{
    public async Task<DriversState> StateAsync(int profileId, CancellationToken cancellationToken = default)
    {
        var figures = store.GetFigures(profileId);
        if (figures is null)
            return DriversState.Missing;
        return figures.Stamp == await labels.StampAsync(profileId, cancellationToken) ? DriversState.Fresh : DriversState.Stale;
    }

    /// <summary>The newest drivers job of the profile, if any.</summary>
    public async Task<BackgroundJob?> LatestJobAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await queue.RecentAsync(profileId, DriversJobHandler.JobKind, 1, cancellationToken)).FirstOrDefault();

    /// <summary>The newest labelling job of the profile, if any: the model waits for it.</summary>
    public async Task<BackgroundJob?> LatestLabellingAsync(int profileId, CancellationToken cancellationToken = default) =>
        (await queue.RecentAsync(profileId, AnnotateJobHandler.JobKind, 1, cancellationToken)).FirstOrDefault();
}
