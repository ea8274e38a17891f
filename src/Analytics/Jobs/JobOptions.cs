using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Jobs;

/// <summary>The "Jobs" section: how long a worker's claim on a job lasts and how often freshness is checked.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Seconds a claimed job stays with its worker without a heartbeat; the heartbeat renews it every third of this. Default 60.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Claims a job may use before it is failed instead of requeued (a job that kills its worker every time). Default 3.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Seconds an idle worker waits before it looks at the queue again. On PostgreSQL a notification wakes it as soon as a
    /// job is queued by any process, so this is only the fallback (a lost notification). Default 1.
    /// </summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 1;

    /// <summary>Minutes between two sweeps that queue whatever derived state is stale in any profile. Default 10.</summary>
    [Range(1, 1440)]
    public int SweepMinutes { get; set; } = 10;

    /// <summary>Media files one labelling job labels; the next batch of the profile is queued when it ends. Default 200.</summary>
    [Range(1, 100000)]
    public int LabelBatch { get; set; } = 200;

    /// <summary>
    /// Labelled posts from which a profile's classifier, drivers model and content map are trained while the rest of its
    /// media are still being labelled (at least the classifier's <c>Classifier:MinPosts</c>); 0 waits for all labels. Default 50.
    /// </summary>
    [Range(0, 1000000)]
    public int EarlyTrainingPosts { get; set; } = 50;

    /// <summary>While labelling runs, models are retrained each time the labelled posts have grown by this factor. Default 2.</summary>
    [Range(1.1, 100)]
    public double RetrainGrowth { get; set; } = 2;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);
}
