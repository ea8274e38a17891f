using Bunit;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Components.Controls;
using Insights.Dashboard.Jobs;
using MudBlazor;
using MudBlazor.Extensions;

namespace Insights.Dashboard.Tests.Components.Controls;

public class JobProgressBarTests : DashboardTestContext
{
    public JobProgressBarTests() => AddTestServices();

    private static JobSnapshot Job(JobStatus status, long done, long total, string? message = null, string? error = null) =>
        new(7, "import", 1, "Import posts.csv", status, done, total, message, error, null, StartedUtc: null);

    [Fact]
    public void RunningJob_ShowsDoneOfTotal_AndTheBarAtThatPercentage()
    {
        var cut = Render<JobProgressBar>(p => p.Add(b => b.Job, Job(JobStatus.Running, 2_500, 10_000, "posts.csv: 2,500 rows read")));

        var text = cut.Find("[data-testid=job-progress]").TextContent;
        Assert.Contains("Import posts.csv", text);
        Assert.Contains("posts.csv: 2,500 rows read", text);
        Assert.Contains("2,500 of 10,000", text);
        var bar = cut.FindComponent<MudProgressLinear>();
        Assert.Equal(25, bar.Instance.GetState(b => b.Value));
        Assert.False(bar.Instance.Indeterminate);
        Assert.Empty(cut.FindComponents<MudAlert>());
    }

    [Fact]
    public void RunningJob_WithoutATotal_IsIndeterminate_AndShowsNoCount()
    {
        var cut = Render<JobProgressBar>(p => p.Add(b => b.Job, Job(JobStatus.Queued, 0, 0)));

        Assert.Contains("waiting to start", cut.Markup);
        Assert.DoesNotContain(" of ", cut.Find("[data-testid=job-progress]").TextContent);
        Assert.True(cut.FindComponent<MudProgressLinear>().Instance.Indeterminate);
    }

    [Fact]
    public void FailedJob_ShowsItsError_InsteadOfABar()
    {
        var cut = Render<JobProgressBar>(p => p.Add(b => b.Job, Job(JobStatus.Failed, 1, 4, error: "The demo data did not import: posts.csv, line 3: bad date")));

        Assert.Contains("failed", cut.Find("[data-testid=job-progress]").TextContent);
        var alert = cut.FindComponent<MudAlert>();
        Assert.Equal(Severity.Error, alert.Instance.Severity);
        Assert.Contains("The demo data did not import: posts.csv, line 3: bad date", alert.Markup);
        Assert.Empty(cut.FindComponents<MudProgressLinear>());
    }
}
