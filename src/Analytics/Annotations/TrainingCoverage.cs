namespace Insights.Analytics.Annotations;

/// <summary>
/// How much of a profile a model was trained on: the posts with labelled media at the time, of all its posts, and
/// whether labelling had finished (a model trained early is retrained as labelling proceeds).
/// </summary>
/// <param name="LabelledPosts">Posts with at least one media file labelled when training started.</param>
/// <param name="Posts">All posts of the profile then.</param>
/// <param name="LabellingComplete">True when no media file of the profile was waiting for labels.</param>
public sealed record TrainingCoverage(int LabelledPosts, int Posts, bool LabellingComplete)
{
    /// <summary>"Trained on 420 of 1,471 posts; improves as labelling continues." while labelling runs, else null.</summary>
    public string? Note => LabellingComplete ? null
        : $"Trained on {LabelledPosts:N0} of {Posts:N0} posts (those labelled so far); improves as labelling continues.";
}
