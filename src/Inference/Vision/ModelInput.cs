using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Vision;

/// <summary>One model's input tensor for one image, as a labeler prepared it.</summary>
internal sealed record ModelInput(string Model, float[] Values, long[]? Shape);

internal static class ModelInputs
{
    /// <summary>Stretches the frame to the model's fixed input size (as the models' JS libraries do) and applies its preprocessing.</summary>
    public static float[] Stretched(RgbFrame frame, ModelManifest manifest)
    {
        var p = manifest.Preprocessing;
        var resized = frame.Resize(p.Width, p.Height, alignCorners: p.Resize == "bilinear-align-corners");
        return ImageTensor.FromRgb(resized.Pixels, resized.Width, resized.Height, manifest);
    }

    /// <summary>"package@version, converter N, sha256 prefix": enough to tell which model produced a label.</summary>
    public static string Version(ModelManifest manifest) =>
        $"{manifest.Package}@{manifest.Version}; converter {manifest.ConverterVersion}; sha256 {manifest.Sha256[..Math.Min(12, manifest.Sha256.Length)]}";
}
