namespace Insights.Dashboard.Configuration;

/// <summary>What one process of the installation does, from <c>--role</c> on the command line (default <see cref="All"/>).</summary>
public enum DashboardRole
{
    /// <summary>Pages, API and job workers in one process: a single-machine installation.</summary>
    All = 0,

    /// <summary>Pages and API only; queued work waits for a worker process, and no vision or drivers model is prepared here.</summary>
    Web = 1,

    /// <summary>Runs jobs (imports, labelling, training, reports) and the freshness sweep; serves only <c>/healthz</c>.</summary>
    Worker = 2,
}
