using System.Text.Json;

namespace Insights.Inference.Vision;

/// <summary>
/// P(illustration) from the L2-normalised embedding: a logistic regression fitted on the demo images the
/// accuracy tests do not use (tests/Benchmarks <c>labels --fit-drawing</c>; DrawingHead.json records the
/// training size and its cross-validated accuracy). nsfwjs's own "drawing" class, trained on anime-style
/// drawings, calls most clipart and flat renders "neutral"; this head reads the same network's features.
/// </summary>
internal sealed class DrawingHead
{
    private readonly float[] _weights;
    private readonly float _bias;

    private DrawingHead(float[] weights, float bias)
    {
        _weights = weights;
        _bias = bias;
    }

    public static DrawingHead Default { get; } = Load();

    public float Score(float[] normalizedEmbedding)
    {
        if (normalizedEmbedding.Length != _weights.Length)
            throw new ArgumentException($"the drawing head takes {_weights.Length}-d embeddings, got {normalizedEmbedding.Length}");
        var s = _bias;
        for (var i = 0; i < _weights.Length; i++)
            s += _weights[i] * normalizedEmbedding[i];
        return 1f / (1f + MathF.Exp(-s));
    }

    private static DrawingHead Load()
    {
        using var stream = typeof(DrawingHead).Assembly.GetManifestResourceStream("Insights.Inference.Vision.DrawingHead.json")
            ?? throw new InvalidOperationException("embedded resource DrawingHead.json is missing");
        using var json = JsonDocument.Parse(stream);
        var weights = json.RootElement.GetProperty("weights").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        return new DrawingHead(weights, json.RootElement.GetProperty("bias").GetSingle());
    }
}
