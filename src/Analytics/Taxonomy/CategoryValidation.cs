namespace Insights.Analytics.Taxonomy;

/// <summary>
/// How well a category's head suggests values for posts it has not seen: stratified k-fold cross-validation repeated
/// with new folds. Both rules are scored (top-k with k chosen on the other folds, and per-value thresholds chosen on the
/// other folds) beside the majority baseline (every post gets the training folds' commonest value), and the rule with
/// the better micro F1 is applied (thresholds only when they beat top-k by the configured margin).
/// </summary>
/// <param name="Posts">Posts with at least one value of the category (the training set).</param>
/// <param name="PostsWithSeveralValues">Of those, posts with two or more values.</param>
/// <param name="TopK">k chosen for the top-k rule on all out-of-fold scores.</param>
/// <param name="Confusion">Rows = true value, columns = most probable value, over posts with exactly one learned value (first repeat, each post once); order of <see cref="Values"/>.</param>
/// <param name="RareValues">Values too rare to learn, with their posts.</param>
public sealed record CategoryValidation(
    string Category,
    int Posts,
    int PostsWithSeveralValues,
    int Folds,
    int Repeats,
    SuggestionRule Rule,
    int TopK,
    RuleScore TopKScore,
    RuleScore ThresholdScore,
    string MajorityValue,
    RuleScore Baseline,
    IReadOnlyList<ValueValidation> Values,
    IReadOnlyList<ValueCount> RareValues,
    int[][] Confusion,
    double TrainSeconds)
{
    /// <summary>Scores of the rule that is applied.</summary>
    public RuleScore Chosen => Rule == SuggestionRule.TopK ? TopKScore : ThresholdScore;

    /// <summary>True when the chosen rule beats the baseline's micro F1 by more than its spread across repeats.</summary>
    public bool BeatsBaseline => Chosen.MicroF1 - Baseline.MicroF1 > Chosen.MicroF1Sd;
}
