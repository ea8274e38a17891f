using Bunit;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Components.Controls;
using Insights.Dashboard.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Components.Controls;

public class JobBannerTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public JobBannerTests() => AddTestServices();

    private static JobSnapshot Job(long id, JobStatus status, string title = "Import the demo profile 'demo'") =>
        new(id, "demo-import", null, title, status, 1, 4, "Importing posts.csv", null, null, null);

    [Fact]
    public void Banner_ShowsJobsAlreadyRunning_WhenItOpens()
    {
        var hub = Services.GetRequiredService<JobProgressHub>();
        hub.Publish(Job(1, JobStatus.Running));
        hub.Publish(Job(2, JobStatus.Succeeded, "An earlier import"));

        var cut = Render<JobBanner>();

        var banner = Assert.Single(cut.FindAll("[data-testid=job-banner]"));
        Assert.Contains("Import the demo profile 'demo'", banner.TextContent);
        Assert.Contains("1 of 4", banner.TextContent);
    }

    [Fact]
    public void Banner_AppearsWhenAJobStarts_AndGoesWhenItEnds()
    {
        var hub = Services.GetRequiredService<JobProgressHub>();
        var cut = Render<JobBanner>();
        Assert.Empty(cut.FindAll("[data-testid=job-banner]"));

        hub.Publish(Job(3, JobStatus.Running));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=job-banner]")), Patience);

        hub.Publish(Job(3, JobStatus.Succeeded));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=job-banner]")), Patience);
    }
}
