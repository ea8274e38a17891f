using Insights.Inference.Imaging;

namespace Insights.Inference.Tests.Imaging;

public sealed class RgbFrameTests
{
    [Fact]
    public void Resize_ToASizeAskedBefore_ReusesThatResult_WithTheSamePixelsAsAFreshFrame()
    {
        var random = new Random(7);
        var pixels = new byte[300 * 200 * 3];
        random.NextBytes(pixels);
        var frame = new RgbFrame(300, 200, pixels);

        var first = frame.Resize(128, 96);
        var again = frame.Resize(128, 96);
        var fresh = new RgbFrame(300, 200, (byte[])pixels.Clone()).Resize(128, 96);

        Assert.Same(first, again);
        Assert.Equal(fresh.Pixels, first.Pixels);
        // corner alignment is another resize, not the cached one
        var aligned = frame.Resize(128, 96, alignCorners: true);
        Assert.NotSame(first, aligned);
        Assert.NotEqual(first.Pixels, aligned.Pixels);
    }
}
