using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Vision;

/// <summary>
/// Drawing vs photo and nsfw from nsfwjs's 5-class MobileNetV2, plus its 1280-d embedding and last
/// feature map (one run gives all). Drawing score = <see cref="DrawingHead"/> on the embedding (the
/// class output P(drawing) + P(hentai) alone scored 0.80 on the demo images, calling clipart "neutral";
/// taking the larger of the two scored below the head alone on held-out images, 0.954 vs 0.960);
/// nsfw score = P(porn) + P(hentai) + P(sexy).
/// </summary>
internal sealed class StyleLabeler(LabelOptions options)
{
    public const string Model = ModelNames.Nsfw;

    public static ModelInput Prepare(RgbFrame frame, ModelManifest manifest) => new(Model, ModelInputs.Stretched(frame, manifest), null);

    public (StyleLabel Style, float[] Embedding, float[] Normalized, FeatureMap? Features) Label(ModelOutputs outputs, ModelManifest manifest)
    {
        var p = outputs["probabilities"].Values;
        var probabilities = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var i = 0; i < manifest.Labels.Count; i++)
            probabilities[manifest.Labels[i]] = p[i];
        var embedding = outputs["embedding"].Values;
        var normalized = Normalize(embedding);
        var drawing = DrawingHead.Default.Score(normalized);
        var nsfw = Get("porn") + Get("hentai") + Get("sexy");
        var style = new StyleLabel(drawing >= options.DrawingThreshold, drawing, nsfw >= options.NsfwThreshold, nsfw, probabilities);
        var features = options.IncludeFeatureMap ? outputs["features"] : null;
        return (style, embedding, normalized, features is null ? null : new FeatureMap(features.Shape[1..], "CHW", features.Values));

        float Get(string label) => probabilities.GetValueOrDefault(label);
    }

    public static float[] Normalize(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm > 0 ? [.. vector.Select(v => v / norm)] : (float[])vector.Clone();
    }
}
