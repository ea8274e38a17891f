using Insights.Analytics.Jobs;

namespace Insights.Dashboard.Jobs;

/// <summary>Runs one kind of background job. Handlers must be idempotent: a job interrupted by a restart runs again.</summary>
public interface IJobHandler
{
    string Kind { get; }

    /// <summary>Does the work; returns a JSON result for the page, or throws to fail the job.</summary>
    Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken cancellationToken);
}

/// <summary>Where a handler reports how far it got.</summary>
public interface IJobProgress
{
    void Report(long done, long total, string? message = null);
}
