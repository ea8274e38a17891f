namespace Insights.Inference.Detection;

/// <summary>
/// Greedy CTC decoding, as PaddleOCR's CTCLabelDecode does it: the best class per time step, repeats
/// collapsed, blanks (class 0) dropped. Confidence is the mean best probability of the characters kept.
/// </summary>
public static class CtcDecoder
{
    /// <param name="probabilities">Row-major [steps, classes] per-step probabilities of one line.</param>
    /// <param name="labels">One string per class; index 0 is the blank.</param>
    public static TextRead Decode(ReadOnlySpan<float> probabilities, int steps, IReadOnlyList<string> labels)
    {
        var classes = labels.Count;
        if (probabilities.Length != steps * classes)
            throw new ArgumentException($"expected {steps} x {classes} probabilities, got {probabilities.Length}", nameof(probabilities));
        var text = new System.Text.StringBuilder();
        double sum = 0;
        var kept = 0;
        var previous = -1;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                    best = c;
            }

            if (best != 0 && best != previous)
            {
                text.Append(labels[best]);
                sum += row[best];
                kept++;
            }

            previous = best;
        }

        return new TextRead(text.ToString(), kept == 0 ? 0 : (float)(sum / kept));
    }
}
