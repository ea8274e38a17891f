using Insights.Inference.Imaging;
using Insights.Inference.Vision;

namespace Insights.Inference.Tests.Vision;

public sealed class VisualStatsTests
{
    [Fact]
    public void UniformGrey_HasItsBrightness_AndNoContrastColourOrEdges()
    {
        var stats = VisualStats.Compute(Uniform(40, 20, 128, 128, 128));

        Assert.Equal(128 / 255f, stats.Brightness, 3);
        Assert.Equal(0, stats.Contrast, 3);
        Assert.Equal(0, stats.Colourfulness, 3);
        Assert.Equal(0, stats.Sharpness, 3);
        Assert.Null(stats.DominantHue);
        Assert.Equal(2, stats.AspectRatio, 3);
    }

    [Fact]
    public void HalfBlackHalfWhite_HasMidBrightness_AndFullContrast()
    {
        var frame = Build(32, 32, (x, _) => x < 16 ? (0, 0, 0) : (255, 255, 255));

        var stats = VisualStats.Compute(frame);

        Assert.Equal(0.5, stats.Brightness, 3);
        Assert.Equal(0.5, stats.Contrast, 3);
    }

    [Fact]
    public void PureRed_HasRedHue_AndHaslerSusstrunkColourfulness()
    {
        var stats = VisualStats.Compute(Uniform(10, 10, 255, 0, 0));

        // rg = 255, yb = 127.5 everywhere: no spread, so M = 0.3 * sqrt(255^2 + 127.5^2)
        Assert.Equal(0.3 * Math.Sqrt(255 * 255 + 127.5 * 127.5), stats.Colourfulness, 1);
        Assert.Equal(5f, stats.DominantHue);
        Assert.Equal(0.299, stats.Brightness, 2);
    }

    [Theory]
    [InlineData(0, 255, 0, 125f)]
    [InlineData(0, 0, 255, 245f)]
    public void DominantHue_IsTheFullestBin(byte r, byte g, byte b, float hue)
    {
        // three quarters of one colour, a quarter of grey
        var frame = Build(20, 20, (x, _) => x < 15 ? (r, g, b) : (128, 128, 128));

        Assert.Equal(hue, VisualStats.Compute(frame).DominantHue);
    }

    [Fact]
    public void Sharpness_IsHigherForAFineCheckerboard_ThanForItsBlur()
    {
        var sharp = Build(64, 64, (x, y) => (x + y) % 2 == 0 ? (0, 0, 0) : (255, 255, 255));
        var blurred = sharp.Resize(8, 8).Resize(64, 64);
        var gradient = Build(64, 64, (x, _) => (x * 4, x * 4, x * 4));

        var s = VisualStats.Compute(sharp).Sharpness;
        Assert.True(s > 100 * VisualStats.Compute(blurred).Sharpness + 1, $"sharp {s}");
        // a linear ramp has a zero Laplacian
        Assert.Equal(0, VisualStats.Compute(gradient).Sharpness, 1);
    }

    [Fact]
    public void LargeImage_IsAnalysedDownscaled_WithTheSameBrightness()
    {
        var stats = VisualStats.Compute(Uniform(2000, 1000, 10, 200, 30));

        Assert.Equal((0.299 * 10 + 0.587 * 200 + 0.114 * 30) / 255, stats.Brightness, 3);
        Assert.Equal(2, stats.AspectRatio, 3);
    }

    private static RgbFrame Uniform(int w, int h, byte r, byte g, byte b) => Build(w, h, (_, _) => (r, g, b));

    private static RgbFrame Build(int w, int h, Func<int, int, (int R, int G, int B)> colour)
    {
        var pixels = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var (r, g, b) = colour(x, y);
                var i = (y * w + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = ((byte)r, (byte)g, (byte)b);
            }
        }

        return new RgbFrame(w, h, pixels);
    }
}
