using Insights.Dashboard.Jobs;

namespace Insights.Dashboard.Tests.Jobs;

public class AnnotateProgressTextTests
{
    [Theory]
    [InlineData(120, 1659, 2, 60, "120 of 1,659 labelled, 2.0 per second, about 13 min left, 2 failed")]
    [InlineData(10, 40, 0, 5, "10 of 40 labelled, 2.0 per second, about 15 s left, 0 failed")]
    [InlineData(100, 20000, 0, 50, "100 of 20,000 labelled, 2.0 per second, about 2 h 45 min left, 0 failed")]
    [InlineData(40, 40, 1, 20, "40 of 40 labelled, 2.0 per second, 1 failed")]
    public void Message_SaysDoneOfTotal_Rate_TimeLeft_AndFailures(int done, int total, int failed, int seconds, string expected) =>
        Assert.Equal(expected, AnnotateJobHandler.ProgressText(done, total, failed, TimeSpan.FromSeconds(seconds)));
}
