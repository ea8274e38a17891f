using Microsoft.ML.OnnxRuntime;

namespace Insights.Inference.Quantisation;

/// <summary>
/// Measures activation ranges: runs the instrumented float model (see <see cref="QdqQuantiser.Instrumented"/>)
/// on the calibration inputs and keeps each tensor's min and max over all of them. With a percentile
/// under 100 a second pass counts each tensor's values in a histogram over that range and narrows it to
/// the percentile (see <see cref="ActivationHistogram"/>): the MobileNetV2 ReLU6 activations have no long
/// tails to clip and keep min/max, CenterNet's unbounded HardSwish and residual outputs do.
/// </summary>
internal static class Calibrator
{
    public static Dictionary<string, ActivationRange> Measure(byte[] instrumented, IReadOnlyList<string> tensors, IEnumerable<float[]> inputs, long[] inputShape, int threads, double percentile = 100)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads };
        using var session = new InferenceSession(instrumented, options);
        var images = inputs.ToList();
        if (images.Count == 0)
            throw new InvalidOperationException("no calibration images");
        var ranges = tensors.ToDictionary(t => t, _ => new ActivationRange(float.MaxValue, float.MinValue), StringComparer.Ordinal);
        Run(session, tensors, images, inputShape, (tensor, values) => ranges[tensor] = ranges[tensor].Including(values));
        if (percentile >= 100)
            return ranges;

        var histograms = tensors.ToDictionary(t => t, t => new ActivationHistogram(ranges[t]), StringComparer.Ordinal);
        Run(session, tensors, images, inputShape, (tensor, values) => histograms[tensor].Add(values));
        return tensors.ToDictionary(t => t, t => histograms[t].Clipped(percentile), StringComparer.Ordinal);
    }

    private delegate void TensorValues(string tensor, ReadOnlySpan<float> values);

    private static void Run(InferenceSession session, IReadOnlyList<string> tensors, List<float[]> images, long[] inputShape, TensorValues read)
    {
        var inputName = session.InputNames[0];
        using var runOptions = new RunOptions();
        foreach (var input in images)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(input, inputShape);
            using var results = session.Run(runOptions, [inputName], [value], tensors);
            for (var i = 0; i < tensors.Count; i++)
                read(tensors[i], results[i].GetTensorDataAsSpan<float>());
        }
    }
}
