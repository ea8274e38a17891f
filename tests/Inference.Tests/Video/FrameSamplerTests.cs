using Insights.Inference.Video;

namespace Insights.Inference.Tests.Video;

public sealed class FrameSamplerTests
{
    [Fact]
    public void ShortClip_GetsOneFrameEveryTwoSeconds_CentredInItsSlot() =>
        Assert.Equal([1, 3, 5], FrameSampler.Times(7, 2, 300, 12));

    [Fact]
    public void LongClip_GetsAtMostTwelveFrames() =>
        Assert.Equal(Enumerable.Range(0, 12).Select(i => 1.0 + 2 * i), FrameSampler.Times(60, 2, 300, 12));

    [Fact]
    public void OnlyTheFirst300Seconds_AreSampled()
    {
        var times = FrameSampler.Times(3600, 2, 300, 1000);

        Assert.Equal(150, times.Count);
        Assert.True(times[^1] < 300);
    }

    [Fact]
    public void ClipShorterThanAnInterval_GetsItsMiddleFrame() => Assert.Equal([0.4], FrameSampler.Times(0.8, 2, 300, 12));

    [Theory]
    [InlineData(1920, 1080, 1024, 1024, 576)]
    [InlineData(1080, 1920, 1024, 576, 1024)]
    [InlineData(320, 240, 1024, 320, 240)]
    public void Frames_AreDownscaledToTheLongSide_NeverUpscaled(int w, int h, int max, int ew, int eh) =>
        Assert.Equal((ew, eh), FrameSampler.Size(w, h, max));
}
