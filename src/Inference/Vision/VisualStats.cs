using Insights.Inference.Imaging;

namespace Insights.Inference.Vision;

/// <summary>
/// Global pixel statistics. Brightness and contrast are the mean and standard deviation of Rec. 601
/// luma in 0..1; colourfulness is Hasler and Süsstrunk's M (0 for grey, ~15 slightly, ~60 highly,
/// 100+ extremely colourful); sharpness is the variance of the 4-neighbour Laplacian of luma (0..255
/// scale); dominant hue is the centre (degrees) of the fullest 10° bin among saturated, non-dark
/// pixels, or null when fewer than 5% of pixels have a colour; aspect ratio is width / height.
/// </summary>
public sealed record VisualStats(float Brightness, float Contrast, float Colourfulness, float Sharpness, float? DominantHue, float AspectRatio)
{
    /// <summary>Statistics are taken on the image downscaled to this long side, so sharpness is comparable across sizes.</summary>
    public const int AnalysisSide = 512;

    private const int HueBins = 36;

    public static VisualStats Compute(RgbFrame frame)
    {
        var aspect = (float)frame.Width / frame.Height;
        var scale = Math.Min(1.0, (double)AnalysisSide / Math.Max(frame.Width, frame.Height));
        var small = scale < 1 ? frame.Resize(Math.Max(1, (int)Math.Round(frame.Width * scale)), Math.Max(1, (int)Math.Round(frame.Height * scale))) : frame;
        int w = small.Width, h = small.Height, n = w * h;
        var p = small.Pixels;
        var luma = new float[n];
        double sumY = 0, sumY2 = 0, sumRg = 0, sumRg2 = 0, sumYb = 0, sumYb2 = 0;
        var hues = new int[HueBins];
        var coloured = 0;
        for (var i = 0; i < n; i++)
        {
            float r = p[i * 3], g = p[i * 3 + 1], b = p[i * 3 + 2];
            var y = 0.299f * r + 0.587f * g + 0.114f * b;
            luma[i] = y;
            sumY += y;
            sumY2 += (double)y * y;
            var rg = r - g;
            var yb = 0.5f * (r + g) - b;
            sumRg += rg;
            sumRg2 += (double)rg * rg;
            sumYb += yb;
            sumYb2 += (double)yb * yb;

            var max = Math.Max(r, Math.Max(g, b));
            var min = Math.Min(r, Math.Min(g, b));
            var chroma = max - min;
            if (max >= 0.2f * 255 && chroma >= 0.2f * max && chroma > 0)
            {
                float hue = max == r ? (g - b) / chroma % 6 : max == g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
                hue *= 60;
                if (hue < 0)
                    hue += 360;
                hues[Math.Min(HueBins - 1, (int)(hue / (360f / HueBins)))]++;
                coloured++;
            }
        }

        var meanY = sumY / n;
        var contrast = Math.Sqrt(Math.Max(0, sumY2 / n - meanY * meanY));
        var meanRg = sumRg / n;
        var meanYb = sumYb / n;
        var stdRg = Math.Sqrt(Math.Max(0, sumRg2 / n - meanRg * meanRg));
        var stdYb = Math.Sqrt(Math.Max(0, sumYb2 / n - meanYb * meanYb));
        var colourfulness = Math.Sqrt(stdRg * stdRg + stdYb * stdYb) + 0.3 * Math.Sqrt(meanRg * meanRg + meanYb * meanYb);

        float? dominantHue = null;
        if (coloured >= 0.05 * n)
        {
            var best = 0;
            for (var k = 1; k < HueBins; k++)
            {
                if (hues[k] > hues[best])
                    best = k;
            }

            dominantHue = (best + 0.5f) * (360f / HueBins);
        }

        return new VisualStats((float)(meanY / 255), (float)(contrast / 255), (float)colourfulness, Laplacian(luma, w, h), dominantHue, aspect);
    }

    private static float Laplacian(float[] luma, int w, int h)
    {
        if (w < 3 || h < 3)
            return 0;
        double sum = 0, sum2 = 0;
        var count = 0;
        for (var y = 1; y < h - 1; y++)
        {
            for (var x = 1; x < w - 1; x++)
            {
                var i = y * w + x;
                double l = luma[i - 1] + luma[i + 1] + luma[i - w] + luma[i + w] - 4 * luma[i];
                sum += l;
                sum2 += l * l;
                count++;
            }
        }

        var mean = sum / count;
        return (float)(sum2 / count - mean * mean);
    }
}
