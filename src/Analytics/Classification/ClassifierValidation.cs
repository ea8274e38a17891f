namespace Insights.Analytics.Classification;

/// <summary>
/// How well a popularity classifier predicts the class of a post it has not seen: stratified k-fold cross-validation
/// repeated with new folds, next to the majority-class baseline (always guessing the commonest class of the training folds).
/// Accuracies are pooled over the out-of-fold predictions of one repeat; mean and sample sd are across repeats.
/// </summary>
/// <param name="Classes">K.</param>
/// <param name="Posts">Posts trained on (after near-duplicates were removed).</param>
/// <param name="ClassCounts">Posts per class among those trained on.</param>
/// <param name="Accuracy">Mean share of held-out posts whose most probable class was right.</param>
/// <param name="RepeatAccuracies">Accuracy of each repeat.</param>
/// <param name="Top2Accuracy">Mean share whose true class was among the two most probable (1 when K = 2).</param>
/// <param name="ClassRecall">Per true class, the mean share predicted as that class.</param>
/// <param name="Confusion">Rows = true class, columns = predicted class: the out-of-fold predictions of the first repeat, so every post counts once.</param>
/// <param name="BaselineAccuracy">Accuracy of always guessing the training folds' commonest class (mean across repeats).</param>
/// <param name="BaselineTop2Accuracy">Top-2 accuracy of always guessing the two commonest classes.</param>
/// <param name="DuplicatesRemoved">Posts left out as near-duplicates of a kept post.</param>
/// <param name="DuplicateThreshold">Cosine distance under which two posts counted as near-duplicates.</param>
/// <param name="NearestDistances">Histogram of every post's nearest-neighbour cosine distance (before removal), which the threshold was read from.</param>
public sealed record ClassifierValidation(
    int Classes,
    int Folds,
    int Repeats,
    int Posts,
    int[] ClassCounts,
    double Accuracy,
    double AccuracySd,
    double[] RepeatAccuracies,
    double Top2Accuracy,
    double Top2AccuracySd,
    double[] ClassRecall,
    double[] ClassRecallSd,
    int[][] Confusion,
    int MajorityClass,
    double BaselineAccuracy,
    double BaselineTop2Accuracy,
    int DuplicatesRemoved,
    double DuplicateThreshold,
    DistanceHistogram NearestDistances,
    double TrainSeconds)
{
    /// <summary>Accuracy minus the baseline, in accuracy points.</summary>
    public double Lift => Accuracy - BaselineAccuracy;

    /// <summary>True when the head beats the baseline by more than the spread of its accuracy across repeats.</summary>
    public bool BeatsBaseline => Lift > AccuracySd;
}
