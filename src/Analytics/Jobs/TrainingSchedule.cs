namespace Insights.Analytics.Jobs;

/// <summary>
/// When a profile's models are trained while its media are still being labelled: first at
/// <see cref="JobOptions.EarlyTrainingPosts"/> labelled posts, then each time the count has grown by
/// <see cref="JobOptions.RetrainGrowth"/> (50, 100, 200, ... by default); once labelling is done, whenever the data
/// stamp changed. The steps depend on the counts alone, so every worker decides the same.
/// </summary>
public static class TrainingSchedule
{
    /// <summary>The highest step at or below <paramref name="labelled"/>, or 0 below the first.</summary>
    public static int StepReached(int labelled, JobOptions options)
    {
        var reached = 0;
        if (options.EarlyTrainingPosts <= 0)
            return 0;
        for (var step = options.EarlyTrainingPosts; step <= labelled; step = Next(step, options))
            reached = step;
        return reached;
    }

    /// <summary>The lowest step above <paramref name="labelled"/>.</summary>
    public static int NextStep(int labelled, JobOptions options)
    {
        if (options.EarlyTrainingPosts <= 0)
            return int.MaxValue;
        var step = options.EarlyTrainingPosts;
        while (step <= labelled)
            step = Next(step, options);
        return step;
    }

    /// <summary>
    /// Whether a model trained on <paramref name="trainedOn"/> labelled posts (null: none yet) is due for training while
    /// labelling continues, now that <paramref name="labelled"/> posts are labelled.
    /// </summary>
    public static bool DueWhileLabelling(int labelled, int? trainedOn, JobOptions options)
    {
        var reached = StepReached(labelled, options);
        return reached > 0 && (trainedOn is not { } n || n < reached);
    }

    /// <summary>
    /// Files the next labelling batch takes: up to the next step (so the batch ends where a model is due), at most
    /// <see cref="JobOptions.LabelBatch"/>, and at least <see cref="MinimumBatch"/> (a carousel's files count as one
    /// post, and a failed file as none, so a batch may end a few posts short of its step: the next one overshoots a little
    /// rather than label one file at a time).
    /// </summary>
    public static int BatchSize(int labelled, JobOptions options) =>
        (int)Math.Clamp((long)NextStep(labelled, options) - labelled, Math.Min(MinimumBatch, options.LabelBatch), options.LabelBatch);

    /// <summary>The fewest files a batch takes (unless <see cref="JobOptions.LabelBatch"/> is smaller).</summary>
    public const int MinimumBatch = 10;

    private static int Next(int step, JobOptions options) => step >= int.MaxValue / 100 ? int.MaxValue : Math.Max(step + 1, (int)Math.Ceiling(step * options.RetrainGrowth));
}
