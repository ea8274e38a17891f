using Insights.Analytics.Jobs;

namespace Insights.Dashboard.Tests.Jobs;

/// <summary>Waits for background work by polling the persistent queue; the limit is generous and only stops a hung test.</summary>
internal static class JobWaiter
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<BackgroundJob> FinishedAsync(this JobQueue queue, long id)
    {
        using var limit = new CancellationTokenSource(Limit);
        BackgroundJob? job = null;
        while (!limit.IsCancellationRequested)
        {
            job = await queue.GetAsync(id);
            if (job?.Status is JobStatus.Succeeded or JobStatus.Failed)
                return job;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Job {id} did not finish; last seen {job?.Status} ({job?.Message}).");
    }

    /// <summary>Polls until the condition holds; throws with <paramref name="what"/> when it never does.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (!condition())
        {
            if (limit.IsCancellationRequested)
                throw new TimeoutException($"Still waiting for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>The newest job of the kind (of one profile, or of any) once it has finished.</summary>
    public static async Task<BackgroundJob> FinishedOfKindAsync(this JobQueue queue, string kind, int? profileId = null)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (!limit.IsCancellationRequested)
        {
            var job = (await queue.RecentAsync(profileId, kind, 1)).FirstOrDefault();
            if (job?.Status is JobStatus.Succeeded or JobStatus.Failed)
                return job;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No '{kind}' job finished.");
    }
}
