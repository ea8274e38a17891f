using System.Text.Json;
using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
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
public sealed record DriversJobPayload(string Stamp);

/// <summary>
/// Queues a drivers job for a profile when its stored model is older than its data and annotations, unless one is
/// queued or running, labelling is still under way (the job queued after labelling covers it), or the last try
/// failed on the same data (too few posts: retrying would fail the same way).
/// </summary>
public sealed class DriversScheduler(JobQueue queue, DriversStore store, PostLabelSource labels, ProfileCatalog profiles)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

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

    /// <summary>Queues training when the model is stale; returns true when a job is now queued or running.</summary>
    public async Task<bool> EnsureFreshAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var stamp = await labels.StampAsync(profileId, cancellationToken);
            if (store.GetFigures(profileId)?.Stamp == stamp)
                return false;
            var latest = await LatestJobAsync(profileId, cancellationToken);
            if (latest is { Status: JobStatus.Queued or JobStatus.Running })
                return true;
            if (latest is { Status: JobStatus.Failed } && PayloadStamp(latest) == stamp)
                return false;
            var annotating = await queue.RecentAsync(null, AnnotateJobHandler.JobKind, 1, cancellationToken);
            if (annotating is [{ Status: JobStatus.Queued or JobStatus.Running }])
                return false;
            var name = (await profiles.ListAsync(cancellationToken)).FirstOrDefault(p => p.Id == profileId)?.Name ?? profileId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await queue.EnqueueAsync(DriversJobHandler.JobKind, $"Train the drivers model of '{name}'", profileId,
                JsonSerializer.Serialize(new DriversJobPayload(stamp)), cancellationToken);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every profile (after a job that touched all of them, such as labelling).</summary>
    public async Task EnsureAllFreshAsync(CancellationToken cancellationToken = default)
    {
        foreach (var profile in await profiles.ListAsync(cancellationToken))
        {
            if (profile.PostCount > 0)
                await EnsureFreshAsync(profile.Id, cancellationToken);
        }
    }

    private static string? PayloadStamp(BackgroundJob job)
    {
        try
        {
            return JsonSerializer.Deserialize<DriversJobPayload>(job.PayloadJson)?.Stamp;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Retrains the drivers models when an import or a labelling job finishes, without those jobs knowing about drivers.</summary>
public sealed class DriversRetrainTrigger(JobProgressHub hub, DriversScheduler scheduler, ILogger<DriversRetrainTrigger> logger) : IHostedService
{
    private static readonly string[] DataKinds = [ImportJobHandler.JobKind, DemoImportJobHandler.JobKind, AnnotateJobHandler.JobKind];
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = hub.Subscribe(OnJob);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void OnJob(JobSnapshot job)
    {
        if (job.Status != JobStatus.Succeeded || !DataKinds.Contains(job.Kind))
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                if (job.ProfileId is { } profileId)
                    await scheduler.EnsureFreshAsync(profileId);
                else
                    await scheduler.EnsureAllFreshAsync();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not queue the drivers model's training after job {Id}", job.Id);
            }
        });
    }
}
