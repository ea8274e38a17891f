using System.Numerics.Tensors;

namespace Insights.Analytics.CustomLabels;

/// <summary>
/// A fitted custom label: the examples' prototype, the counter-examples' prototype (null without any), the threshold on
/// <see cref="CustomLabelFitter.Score"/> and how well the threshold separates the label's own examples.
/// </summary>
public sealed record CustomLabelFit(float[] Prototype, float[]? CounterPrototype, double Threshold, double ExampleRecall, double? CounterRejection);

/// <summary>
/// Fits a label from example embeddings (unit length). The prototypes are the normalised means of the examples and of
/// the counter-examples. A post's score is its cosine similarity to the examples' prototype, minus that to the
/// counter-examples' prototype when there are counter-examples (so "more like these than like those"). Every example
/// and counter-example is scored against prototypes made without it (leave-one-out, so none vouches for itself); the
/// threshold is the midpoint of the widest gap that best separates the two groups (balanced accuracy), or, without
/// counter-examples, a small margin below the lowest example's score.
/// </summary>
public static class CustomLabelFitter
{
    /// <summary>How far below the lowest example the threshold sits when there are no counter-examples.</summary>
    public const double Margin = 0.02;

    public static CustomLabelFit Fit(IReadOnlyList<float[]> examples, IReadOnlyList<float[]> counterExamples)
    {
        if (examples.Count < 2)
            throw new ArgumentException("A custom label needs at least two example images.", nameof(examples));
        var d = examples[0].Length;
        if (examples.Concat(counterExamples).Any(e => e.Length != d))
            throw new ArgumentException("Every embedding must have the same length.", nameof(examples));

        var positiveSum = Sum(examples, d);
        var negativeSum = Sum(counterExamples, d);
        var prototype = Normalised(positiveSum);
        float[]? counter = counterExamples.Count == 0 ? null : Normalised(negativeSum);
        // With one counter-example, leaving it out leaves no counter prototype: score it against the full one.
        var positive = examples.Select(e => Score(Normalised(Without(positiveSum, e)), counter, e)).ToArray();
        var negative = counterExamples.Select(e => Score(prototype, counterExamples.Count > 1 ? Normalised(Without(negativeSum, e)) : counter, e)).ToArray();

        var threshold = negative.Length == 0 ? positive.Min() - Margin : Separate(positive, negative);
        var recall = positive.Count(s => s >= threshold) / (double)positive.Length;
        double? rejection = negative.Length == 0 ? null : negative.Count(s => s < threshold) / (double)negative.Length;
        return new CustomLabelFit(prototype, counter, threshold, recall, rejection);
    }

    /// <summary>The score a label's threshold applies to: similarity to the examples, less similarity to the counter-examples.</summary>
    public static double Score(float[] prototype, float[]? counterPrototype, float[] embedding) =>
        TensorPrimitives.Dot(prototype, embedding) - (counterPrototype is null ? 0 : TensorPrimitives.Dot(counterPrototype, embedding));

    private static float[] Sum(IReadOnlyList<float[]> vectors, int d)
    {
        var sum = new float[d];
        foreach (var v in vectors)
            TensorPrimitives.Add(sum, v, sum);
        return sum;
    }

    private static float[] Without(float[] sum, float[] v)
    {
        var rest = new float[sum.Length];
        TensorPrimitives.Subtract(sum, v, rest);
        return rest;
    }

    /// <summary>The midpoint between adjacent scores with the best balanced accuracy; ties go to the widest gap.</summary>
    internal static double Separate(double[] positive, double[] negative)
    {
        var scores = positive.Concat(negative).Distinct().Order().ToArray();
        var best = (Accuracy: -1.0, Gap: -1.0, Threshold: positive.Min());
        for (var i = 0; i < scores.Length - 1; i++)
        {
            var t = (scores[i] + scores[i + 1]) / 2;
            var accuracy = (positive.Count(s => s >= t) / (double)positive.Length + negative.Count(s => s < t) / (double)negative.Length) / 2;
            var gap = scores[i + 1] - scores[i];
            if (accuracy > best.Accuracy + 1e-12 || (Math.Abs(accuracy - best.Accuracy) <= 1e-12 && gap > best.Gap))
                best = (accuracy, gap, t);
        }
        return best.Threshold;
    }

    private static float[] Normalised(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        var result = new float[v.Length];
        if (norm > 0)
            TensorPrimitives.Divide(v, norm, result);
        return result;
    }

    /// <summary>Little-endian float32 bytes, as stored.</summary>
    public static byte[] ToBytes(float[] values) => Annotations.EmbeddingBytes.ToBytes(values);

    public static float[] FromBytes(byte[] bytes) => Annotations.EmbeddingBytes.ToFloats(bytes);
}
