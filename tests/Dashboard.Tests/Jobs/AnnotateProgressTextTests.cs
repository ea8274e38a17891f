using Insights.Dashboard.Jobs;

namespace Insights.Dashboard.Tests.Jobs;

public class AnnotateProgressTextTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Times of <paramref name="files"/> files labelled <paramref name="secondsApart"/> apart, newest first (as the store returns them).</summary>
    private static List<DateTime> Times(int files, double secondsApart) =>
        Enumerable.Range(0, files).Select(i => Start.AddSeconds(i * secondsApart)).Reverse().ToList();

    [Theory]
    [InlineData(20, 50, 2, 1579, 30, 1.0, "20 of 50 labelled in this batch, 2 failed; 1,579 files of the profile left, about 27 min (1.0 s per file over the last 30)")]
    [InlineData(10, 40, 0, 15, 10, 0.5, "10 of 40 labelled in this batch, 0 failed; 15 files of the profile left, about 8 s (0.5 s per file over the last 10)")]
    [InlineData(100, 200, 0, 19900, 30, 0.5, "100 of 200 labelled in this batch, 0 failed; 19,900 files of the profile left, about 2 h 45 min (0.5 s per file over the last 30)")]
    [InlineData(40, 40, 1, 0, 30, 1.0, "40 of 40 labelled in this batch, 1 failed; the profile's last files")]
    public void Message_SaysTheBatch_AndTheProfilesTimeLeft_AtTheRecentPace(int done, int total, int failed, int left, int recent, double apart, string expected) =>
        Assert.Equal(expected, AnnotateJobHandler.ProgressText(done, total, failed, left, Times(recent, apart), TimeSpan.FromSeconds(done * apart)));

    [Fact]
    public void NoTimeIsPromised_BeforeAFewFilesGiveAPace()
    {
        var text = AnnotateJobHandler.ProgressText(3, 50, 0, 1600, Times(3, 1.0), TimeSpan.FromSeconds(3));
        Assert.Equal("3 of 50 labelled in this batch, 0 failed; 1,600 files of the profile left, time left estimated after 5 files (3 s so far)", text);
    }
}
