using Insights.Analytics.Annotations;

namespace Insights.Analytics.Tests.Annotations;

public sealed class LabellingPaceTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void NoEstimate_UntilFiveFiles()
    {
        Assert.Null(LabellingPace.TimeLeft([Start, Start.AddSeconds(1), Start.AddSeconds(2), Start.AddSeconds(3)], 100));
        Assert.Equal(TimeSpan.FromSeconds(100), LabellingPace.TimeLeft([Start, Start.AddSeconds(1), Start.AddSeconds(2), Start.AddSeconds(3), Start.AddSeconds(4)], 100));
    }

    [Fact]
    public void APause_BetweenBatches_DoesNotSwingThePace()
    {
        // 29 files a second apart, then a 3-minute pause (a model trained between two batches), then one more.
        var times = Enumerable.Range(0, 29).Select(i => Start.AddSeconds(i)).Append(Start.AddSeconds(28 + 180)).ToList();
        Assert.Equal(1.0, LabellingPace.SecondsPerFile(times));
        // The mean over the same files would promise 7 s per file.
        Assert.True((times[^1] - times[0]).TotalSeconds / (times.Count - 1) > 7);
    }

    [Fact]
    public void ThePace_FollowsTheRecentFiles_WhenTheMachineSlowsDown()
    {
        var fast = Enumerable.Range(0, 30).Select(i => Start.AddSeconds(i * 0.5)).ToList();
        var slow = Enumerable.Range(0, 30).Select(i => Start.AddSeconds(i * 2.0)).ToList();
        Assert.Equal(TimeSpan.FromSeconds(50), LabellingPace.TimeLeft(fast, 100));
        Assert.Equal(TimeSpan.FromSeconds(200), LabellingPace.TimeLeft(slow, 100));
    }

    [Theory]
    [InlineData(0.2, "1 s")]
    [InlineData(59, "59 s")]
    [InlineData(61, "2 min")]
    [InlineData(33906, "9 h 25 min")]
    [InlineData(3 * 86400 + 7200, "3 days 2 h")]
    public void Words_UseWholeUnits_NeverThousandsOfSeconds(double seconds, string expected) =>
        Assert.Equal(expected, LabellingPace.Words(TimeSpan.FromSeconds(seconds)));
}
