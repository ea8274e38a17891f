namespace Insights.Inference.Vision;

/// <summary>
/// Accuracy and balanced accuracy (mean recall over the classes present) of a multi-class labeler, each
/// with a 95% percentile bootstrap interval (images resampled with replacement), and n per true class.
/// </summary>
public sealed record ClassificationScore(double Accuracy, double AccuracyLow, double AccuracyHigh, double Balanced, double BalancedLow, double BalancedHigh, IReadOnlyList<int> PerClass)
{
    public static ClassificationScore Of(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes, int resamples = 2000, int seed = 16)
    {
        if (truth.Count != predicted.Count || truth.Count == 0)
            throw new ArgumentException($"need as many predictions as truths, at least one (got {truth.Count} and {predicted.Count})");
        var all = Enumerable.Range(0, truth.Count).ToArray();
        var random = new Random(seed);
        var accuracies = new double[resamples];
        var balanced = new double[resamples];
        var sample = new int[truth.Count];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < sample.Length; i++)
                sample[i] = random.Next(truth.Count);
            accuracies[r] = AccuracyOf(truth, predicted, sample);
            balanced[r] = BalancedAccuracy(truth, predicted, sample, classes);
        }

        Array.Sort(accuracies);
        Array.Sort(balanced);
        var perClass = Enumerable.Range(0, classes).Select(c => truth.Count(t => t == c)).ToArray();
        return new(AccuracyOf(truth, predicted, all), Percentile(accuracies, 0.025), Percentile(accuracies, 0.975),
            BalancedAccuracy(truth, predicted, all, classes), Percentile(balanced, 0.025), Percentile(balanced, 0.975), perClass);
    }

    public static double AccuracyOf(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<int> rows) =>
        (double)rows.Count(i => truth[i] == predicted[i]) / rows.Count;

    /// <summary>Mean over the classes present in <paramref name="rows"/> of the share of their rows predicted right.</summary>
    public static double BalancedAccuracy(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<int> rows, int classes)
    {
        var right = new int[classes];
        var total = new int[classes];
        foreach (var i in rows)
        {
            total[truth[i]]++;
            if (truth[i] == predicted[i])
                right[truth[i]]++;
        }

        var present = Enumerable.Range(0, classes).Where(c => total[c] > 0).ToList();
        return present.Average(c => (double)right[c] / total[c]);
    }

    public override string ToString() =>
        $"accuracy {Accuracy:F3} [{AccuracyLow:F3}, {AccuracyHigh:F3}], balanced {Balanced:F3} [{BalancedLow:F3}, {BalancedHigh:F3}], n per class {string.Join("/", PerClass)}";

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Clamp(Math.Round(p * (sorted.Length - 1)), 0, sorted.Length - 1)];
}
