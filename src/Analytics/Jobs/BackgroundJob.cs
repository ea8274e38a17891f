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
/// Jobs are idempotent, so a job found Running after a restart is simply run again.
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

    public DateTime CreatedUtc { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? FinishedUtc { get; set; }
}
