using Insights.Inference.Models;

namespace Insights.Inference.Runtime;

/// <summary>Turns interleaved RGB bytes, already at the model's size, into the model's input tensor.</summary>
public static class ImageTensor
{
    /// <summary>
    /// Applies the manifest's mean, scale and channel order. The image must already be resized to
    /// <see cref="Preprocessing.Width"/> x <see cref="Preprocessing.Height"/> (or, for variable-size
    /// inputs, to the <paramref name="width"/> x <paramref name="height"/> given).
    /// </summary>
    public static float[] FromRgb(ReadOnlySpan<byte> rgb, int width, int height, ModelManifest manifest)
    {
        if (rgb.Length != width * height * 3)
            throw new ArgumentException($"expected {width * height * 3} RGB bytes for {width}x{height}, got {rgb.Length}", nameof(rgb));
        var p = manifest.Preprocessing;
        var fixedSize = manifest.Input.Shape.All(d => d > 0);
        if (fixedSize && (width != p.Width || height != p.Height))
            throw new ArgumentException($"model '{manifest.Name}' takes {p.Width}x{p.Height} images, got {width}x{height}");
        var bgr = p.ChannelOrder == "BGR";
        var planar = manifest.Input.Layout == "NCHW";
        var result = new float[rgb.Length];
        var pixels = width * height;
        for (var i = 0; i < pixels; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var source = rgb[i * 3 + (bgr ? 2 - c : c)];
                var value = (source - p.Mean[c]) * p.Scale[c];
                result[planar ? c * pixels + i : i * 3 + c] = value;
            }
        }

        return result;
    }
}
