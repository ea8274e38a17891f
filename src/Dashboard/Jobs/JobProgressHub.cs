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
/// The jobs pages and the banner show, for this process: every job waiting or running in the database and those that
/// finished lately, read about once a second by <see cref="JobProgressPoller"/> (so any process shows any job), plus
/// the live progress of the jobs this process runs (their database rows lag behind, and on SQLite progress reaches
/// the database only between the work's transactions). Pages subscribe and re-render. Bounded by the poll's size.
/// </summary>
public sealed class JobProgressHub
{
    private readonly ConcurrentDictionary<long, JobSnapshot> _jobs = new();
    private readonly ConcurrentDictionary<long, byte> _local = new();
    private event Action<JobSnapshot>? Changed;

    public IReadOnlyCollection<JobSnapshot> Active => _jobs.Values.Where(j => j.IsActive).OrderBy(j => j.Id).ToList();

    public JobSnapshot? Get(long id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>Live progress of a job this process runs; it wins over the database's copy until the job ends.</summary>
    public void Publish(JobSnapshot snapshot)
    {
        if (snapshot.IsActive)
            _local[snapshot.Id] = 0;
        else
            _local.TryRemove(snapshot.Id, out _);
        _jobs[snapshot.Id] = snapshot;
        Changed?.Invoke(snapshot);
    }

    /// <summary>
    /// The jobs the database holds now (waiting, running, lately finished): replaces what was known of them, drops the
    /// jobs no longer listed, and tells subscribers about every change.
    /// </summary>
    public void PublishFromDatabase(IReadOnlyCollection<JobSnapshot> current)
    {
        var listed = new HashSet<long>();
        foreach (var snapshot in current)
        {
            listed.Add(snapshot.Id);
            if (_local.ContainsKey(snapshot.Id) || (_jobs.TryGetValue(snapshot.Id, out var known) && known == snapshot))
                continue;
            _jobs[snapshot.Id] = snapshot;
            Changed?.Invoke(snapshot);
        }
        foreach (var id in _jobs.Keys)
        {
            if (!listed.Contains(id) && !_local.ContainsKey(id))
                _jobs.TryRemove(id, out _);
        }
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
