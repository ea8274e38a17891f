using ImageMagick;
using Insights.Inference.Imaging;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Prediction;

/// <summary>
/// Renders a class activation map as a colour-mapped PNG (the "jet" ramp: blue where the map is lowest,
/// red where it is highest, scaled from the map's minimum to its maximum) at the draft's aspect ratio,
/// for the page to lay over the draft with an opacity slider; and a video frame as a JPEG.
/// </summary>
public static class HeatmapRenderer
{
    /// <summary>A 7x7 (H x W) map upsampled bilinearly to the image's aspect ratio (long side at most <paramref name="maxSide"/>), as PNG bytes.</summary>
    public static byte[] RenderPng(float[] map, int mapWidth, int mapHeight, int imageWidth, int imageHeight, int maxSide)
    {
        var (width, height) = Fit(imageWidth, imageHeight, maxSide);
        var values = ClassActivationMap.Normalize(ClassActivationMap.Upsample(map, mapWidth, mapHeight, width, height));
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < values.Length; i++)
        {
            var (r, g, b) = Jet(values[i]);
            pixels[i * 3] = r;
            pixels[i * 3 + 1] = g;
            pixels[i * 3 + 2] = b;
        }
        return Encode(pixels, width, height, MagickFormat.Png);
    }

    /// <summary>A decoded frame, downscaled to at most <paramref name="maxSide"/>, as JPEG bytes.</summary>
    public static byte[] RenderJpeg(RgbFrame frame, int maxSide)
    {
        var (width, height) = Fit(frame.Width, frame.Height, maxSide);
        var small = frame.Resize(width, height);
        return Encode(small.Pixels, width, height, MagickFormat.Jpeg);
    }

    /// <summary>The jet colour ramp at t in 0..1.</summary>
    public static (byte R, byte G, byte B) Jet(float t)
    {
        t = Math.Clamp(t, 0f, 1f);
        static byte Channel(float v) => (byte)Math.Round(255 * Math.Clamp(1.5f - Math.Abs(v), 0f, 1f));
        return (Channel(4 * t - 3), Channel(4 * t - 2), Channel(4 * t - 1));
    }

    private static (int Width, int Height) Fit(int width, int height, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(width, height));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static byte[] Encode(byte[] rgb, int width, int height, MagickFormat format)
    {
        var settings = new PixelReadSettings((uint)width, (uint)height, StorageType.Char, PixelMapping.RGB);
        using var image = new MagickImage(rgb, settings);
        // PNG "quality" 10 = zlib level 1, no row filter: a smooth 256 px map encodes in a few ms instead of tens,
        // and the file is still small (the map has few distinct colours per row)
        image.Quality = format == MagickFormat.Jpeg ? 85u : 10u;
        return image.ToByteArray(format);
    }
}
