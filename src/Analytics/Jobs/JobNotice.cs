namespace Insights.Analytics.Jobs;

/// <summary>What a notification between processes says about the jobs (PostgreSQL's NOTIFY; SQLite sends none).</summary>
public enum JobNotice
{
    /// <summary>A job is waiting to be claimed: idle workers look at the queue now.</summary>
    Queued,

    /// <summary>A job started, reported progress or finished: pages showing jobs read them again.</summary>
    Changed,
}
