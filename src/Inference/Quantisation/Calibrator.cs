using Microsoft.ML.OnnxRuntime;

namespace Insights.Inference.Quantisation;

/// <summary>
/// Measures activation ranges: runs the instrumented float model (see <see cref="QdqQuantiser.Instrumented"/>)
/// on the calibration inputs and keeps each tensor's min and max over all of them. Min/max rather than a
/// percentile: the ReLU6-bounded MobileNet activations have no long tails to clip, and min/max never
/// saturates a value the float model produced on these images.
/// </summary>
internal static class Calibrator
{
    public static Dictionary<string, ActivationRange> Measure(byte[] instrumented, IReadOnlyList<string> tensors, IEnumerable<float[]> inputs, long[] inputShape, int threads)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads };
        using var session = new InferenceSession(instrumented, options);
        var inputName = session.InputNames[0];
        var ranges = tensors.ToDictionary(t => t, _ => new ActivationRange(float.MaxValue, float.MinValue), StringComparer.Ordinal);
        var count = 0;
        using var runOptions = new RunOptions();
        foreach (var input in inputs)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(input, inputShape);
            using var results = session.Run(runOptions, [inputName], [value], tensors);
            for (var i = 0; i < tensors.Count; i++)
                ranges[tensors[i]] = ranges[tensors[i]].Including(results[i].GetTensorDataAsSpan<float>());
            count++;
        }

        if (count == 0)
            throw new InvalidOperationException("no calibration images");
        return ranges;
    }
}
