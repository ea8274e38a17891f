namespace Insights.Inference.Vision;

/// <summary>
/// Chooses a score threshold by balanced accuracy, and estimates how well that choice does on images it
/// was not chosen on: k folds stratified by true class (round robin in input order, so deterministic);
/// each fold is predicted at the threshold chosen on the other k - 1.
/// </summary>
public static class ThresholdCrossValidation
{
    /// <summary>
    /// The candidate with the best balanced accuracy on <paramref name="rows"/>, then the best accuracy;
    /// among equals, the middle one (a plateau's centre moves least with the sample).
    /// </summary>
    public static float Choose(IReadOnlyList<CalibrationItem> items, IReadOnlyList<int> rows, IReadOnlyList<float> candidates, int classes)
    {
        if (candidates.Count == 0)
            throw new ArgumentException("no candidate thresholds", nameof(candidates));
        var truth = items.Select(i => i.Truth).ToArray();
        var scored = candidates.Select(t =>
        {
            var predicted = new int[items.Count];
            foreach (var i in rows)
                predicted[i] = items[i].PredictAt(t);
            return (Threshold: t, Balanced: ClassificationScore.BalancedAccuracy(truth, predicted, rows, classes), Accuracy: ClassificationScore.AccuracyOf(truth, predicted, rows));
        }).ToList();
        var best = scored.Max(s => (s.Balanced, s.Accuracy));
        var ties = scored.Where(s => (s.Balanced, s.Accuracy) == best).Select(s => s.Threshold).Order().ToList();
        return ties[(ties.Count - 1) / 2];
    }

    public static CrossValidated Run(IReadOnlyList<CalibrationItem> items, IReadOnlyList<float> candidates, int classes, int folds = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var fold = new int[items.Count];
        foreach (var group in Enumerable.Range(0, items.Count).GroupBy(i => items[i].Truth))
        {
            var n = 0;
            foreach (var i in group)
                fold[i] = n++ % folds;
        }

        var predicted = new int[items.Count];
        var thresholds = new List<float>();
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, items.Count).Where(i => fold[i] != f).ToList();
            var threshold = Choose(items, train, candidates, classes);
            thresholds.Add(threshold);
            for (var i = 0; i < items.Count; i++)
            {
                if (fold[i] == f)
                    predicted[i] = items[i].PredictAt(threshold);
            }
        }

        return new(predicted, thresholds);
    }
}
