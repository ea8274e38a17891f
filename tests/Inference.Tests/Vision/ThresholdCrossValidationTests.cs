using Insights.Inference.Vision;

namespace Insights.Inference.Tests.Vision;

/// <summary>The threshold choice and its cross-validation, on synthetic items whose best threshold is known.</summary>
public sealed class ThresholdCrossValidationTests
{
    private static readonly float[] Candidates = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f];

    // an item of class 1 scores 0.55 and a little, one of class 0 scores 0.25:
    // any threshold in (0.25, 0.55] separates them: 0.3, 0.4, 0.5, whose middle is 0.4
    private static List<CalibrationItem> Separable(int n) =>
    [
        .. Enumerable.Range(0, n).Select(i =>
        {
            var truth = i % 2;
            var score = truth == 1 ? 0.55f + 0.001f * i : 0.25f;
            return new CalibrationItem(truth, t => score >= t ? 1 : 0);
        }),
    ];

    [Fact]
    public void Choose_TakesTheMiddleOfTheBestPlateau()
    {
        var items = Separable(20);

        Assert.Equal(0.4f, ThresholdCrossValidation.Choose(items, [.. Enumerable.Range(0, items.Count)], Candidates, 2));
    }

    [Fact]
    public void Choose_PrefersBalancedAccuracyToAccuracy_ThenAccuracy()
    {
        // nine of class 0 (two of them score 0.5, seven 0.3) and one of class 1 scoring 0.5:
        // 0.4 finds the one (accuracy 0.8, balanced 0.89); 0.6 misses it (accuracy 0.9, balanced 0.5)
        var items = Enumerable.Range(0, 10).Select(i => new CalibrationItem(i == 0 ? 1 : 0, t => (i <= 2 ? 0.5f : 0.3f) >= t ? 1 : 0)).ToList();
        var rows = Enumerable.Range(0, 10).ToList();

        Assert.Equal(0.4f, ThresholdCrossValidation.Choose(items, rows, [0.4f, 0.6f], 2));
        // 0.2 calls all ten class 1 (accuracy 0.1, balanced 0.5), 0.6 none (accuracy 0.9, balanced 0.5): accuracy decides
        Assert.Equal(0.6f, ThresholdCrossValidation.Choose(items, rows, [0.2f, 0.6f], 2));
    }

    [Fact]
    public void Run_PredictsEachItemAtAThresholdChosenWithoutIt()
    {
        // item 0 is the only one of class 1; without it no threshold can tell class 1, so the folds that
        // leave it out choose by the class-0 items alone, and item 0 is predicted at such a threshold
        var items = Enumerable.Range(0, 10).Select(i => new CalibrationItem(i == 0 ? 1 : 0, t => (i == 0 ? 0.6f : 0.5f) >= t ? 1 : 0)).ToList();

        var result = ThresholdCrossValidation.Run(items, [0.5f, 0.6f, 0.7f], 2, folds: 5);

        Assert.Equal(5, result.FoldThresholds.Count);
        // the fold holding item 0 chose among class-0 items only: 0.6 and 0.7 both get them all right
        Assert.Equal(0.6f, result.FoldThresholds[0]);
        Assert.Equal(1, result.Predicted[0]);
        Assert.All(result.Predicted.Skip(1), p => Assert.Equal(0, p));
    }

    [Fact]
    public void Run_OnSeparableItems_IsRightOutOfFold()
    {
        var items = Separable(40);

        var result = ThresholdCrossValidation.Run(items, Candidates, 2);

        Assert.Equal(items.Select(i => i.Truth), result.Predicted);
        Assert.All(result.FoldThresholds, t => Assert.InRange(t, 0.3f, 0.5f));
    }

    [Fact]
    public void Score_IsExactOnAKnownConfusion_WithAnIntervalAroundIt()
    {
        // class 0: 8 of 10 right; class 1: 1 of 2 right -> accuracy 9/12, balanced (0.8 + 0.5) / 2
        int[] truth = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
        int[] predicted = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0];

        var score = ClassificationScore.Of(truth, predicted, 2);

        Assert.Equal(0.75, score.Accuracy, 6);
        Assert.Equal(0.65, score.Balanced, 6);
        Assert.InRange(score.Accuracy, score.AccuracyLow, score.AccuracyHigh);
        Assert.True(score.AccuracyLow < score.AccuracyHigh);
        Assert.Equal([10, 2], score.PerClass);
    }
}
