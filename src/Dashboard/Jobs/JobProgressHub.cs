using System.Collections.Concurrent;
using Insights.Analytics.Jobs;

namespace Insights.Dashboard.Jobs;

/// <summary>The live state of one job, as progress bars show it.</summary>
public sealed record JobSnapshot(long Id, string Kind, int? ProfileId, string Title, JobStatus Status, long Done, long Total, string? Message, string? Error, string? ResultJson, DateTime? StartedUtc)
{
    public double? Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : null;

    public bool IsActive => Status is JobStatus.Queued or JobStatus.Running;

    public static JobSnapshot From(BackgroundJob job) =>
        new(job.Id, job.Kind, job.ProfileId, job.Title, job.Status, job.Done, job.Total, job.Message, job.Error, job.ResultJson, job.StartedUtc);
}

/// <summary>
/// In-memory live progress of the jobs this process runs; pages subscribe and re-render.
/// The database holds the same state (less often written) for other processes and restarts.
/// </summary>
public sealed class JobProgressHub
{
    private readonly ConcurrentDictionary<long, JobSnapshot> _jobs = new();
    private event Action<JobSnapshot>? Changed;

    public IReadOnlyCollection<JobSnapshot> Active => _jobs.Values.Where(j => j.IsActive).OrderBy(j => j.Id).ToList();

    public JobSnapshot? Get(long id) => _jobs.TryGetValue(id, out var job) ? job : null;

    public void Publish(JobSnapshot snapshot)
    {
        _jobs[snapshot.Id] = snapshot;
        Changed?.Invoke(snapshot);
    }

    /// <summary>Calls the handler on every change until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Action<JobSnapshot> handler)
    {
        Changed += handler;
        return new Subscription(() => Changed -= handler);
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
