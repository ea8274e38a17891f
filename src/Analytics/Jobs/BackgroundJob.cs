namespace Insights.Analytics.Jobs;

public enum JobStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>
/// A unit of long work (an import, annotation, training, a report) in the persistent queue.
/// Jobs are idempotent, so a job whose worker stopped (its lease expired) is simply run again.
/// </summary>
public sealed class BackgroundJob
{
    public long Id { get; set; }

    /// <summary>Which handler runs it, e.g. "import".</summary>
    public required string Kind { get; set; }

    public int? ProfileId { get; set; }

    /// <summary>Short text shown to people, e.g. "Import posts.csv".</summary>
    public required string Title { get; set; }

    public string PayloadJson { get; set; } = "{}";

    public JobStatus Status { get; set; }

    public long Done { get; set; }

    public long Total { get; set; }

    public string? Message { get; set; }

    public string? ResultJson { get; set; }

    public string? Error { get; set; }

    public int Attempts { get; set; }

    public string? ClaimedBy { get; set; }

    /// <summary>Until when the claiming worker holds the job; its heartbeat renews it, and an expired lease is requeued by any worker.</summary>
    public DateTime? LeaseUntil { get; set; }

    /// <summary>
    /// Set while a job that must not be queued twice (kind and profile) waits, null otherwise; unique, so two processes
    /// that both decide to queue the same work end up with one job. Cleared when the job is claimed.
    /// </summary>
    public string? QueuedKey { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? FinishedUtc { get; set; }
}
