using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Insights.Dashboard.Model;
using ReportsPage = Insights.Dashboard.Components.Pages.Reports.Reports;

namespace Insights.Dashboard.Tests.Components.Pages;

public class ReportsPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public ReportsPageTests() => AddTestServices();

    [Fact]
    public void WithoutAProfile_ThePageSaysHowToGetOne()
    {
        var cut = Render<ReportsPage>(p => p.AddCascadingValue(DashboardFilter.Empty));
        Assert.NotNull(cut.Find("[data-testid=no-profile]"));
    }

    [Fact]
    public async Task Generate_RunsAReportJob_ThenOffersTheDownload_AndListsIt()
    {
        var runner = await StartJobRunnerAsync();
        var filter = await SeedProfileAsync("paged", TestFiles.ThreePosts, TestFiles.Followers);
        var cut = Render<ReportsPage>(p => p.AddCascadingValue(filter));

        cut.Find("[data-testid=report-generate]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=report-download]")), Patience);

        var link = cut.Find("[data-testid=report-download]");
        Assert.Matches(@"^/api/reports/\d+/file$", link.GetAttribute("href"));
        Assert.Contains("paged-start-end.pdf", link.TextContent);
        cut.WaitForAssertion(() => Assert.Contains("paged-start-end.pdf", cut.Find("[data-testid=report-recent]").TextContent), Patience);
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Sections_AreChosenOnThePage_SensitiveContentOffByDefault_AndGoIntoTheJob()
    {
        var filter = await SeedProfileAsync("sections", TestFiles.ThreePosts, TestFiles.Followers);
        var cut = Render<ReportsPage>(p => p.AddCascadingValue(filter));

        // The check box's own input carries the test id, or sits inside the element that does.
        AngleSharp.Dom.IElement Box(string code) => cut.Find($"input[data-testid=section-{code}], [data-testid=section-{code}] input");
        bool Checked(string code) => Box(code).HasAttribute("checked");
        Assert.False(Checked("sensitive"));
        Assert.True(Checked("labels") && Checked("drivers") && Checked("popularity"));
        Box("drivers").Change(false);
        Box("sensitive").Change(true);
        cut.Find("[data-testid=report-generate]").Click();

        var queue = Services.GetRequiredService<Insights.Analytics.Jobs.JobQueue>();
        var job = Assert.Single(await queue.RecentAsync(filter.Profile!.Id, Insights.Dashboard.Jobs.ReportJobHandler.JobKind, 5));
        var payload = System.Text.Json.JsonSerializer.Deserialize<Insights.Dashboard.Jobs.ReportJobPayload>(job.PayloadJson)!;
        Assert.Equal("popularity,labels,best,posts,sensitive", payload.Sections);
    }

    [Fact]
    public async Task CompareWith_OffersTheOtherVisibleProfiles_AndTheChosenOnesGoIntoTheJobAndTheSchedule()
    {
        var other = await SeedProfileAsync("other", TestFiles.ThreePosts, TestFiles.Followers);
        var mine = await SeedProfileAsync("mine", TestFiles.ThreePosts, TestFiles.Followers);
        // The picker lists the profiles the user may see (the layout's list), here both; a name not among them is dropped.
        var filter = mine;
        Services.GetRequiredService<NavigationManager>().NavigateTo("/reports?compare=other,hidden");
        var cut = Render<ReportsPage>(p => p.AddCascadingValue(filter));

        Assert.NotNull(cut.Find("[data-testid=report-compare]"));
        Assert.Contains("Adds a comparison with other:", cut.Markup);
        cut.Find("[data-testid=report-generate]").Click();
        cut.Find("[data-testid=schedule-add]").Click();

        var queue = Services.GetRequiredService<Insights.Analytics.Jobs.JobQueue>();
        var job = Assert.Single(await queue.RecentAsync(mine.Profile!.Id, Insights.Dashboard.Jobs.ReportJobHandler.JobKind, 5));
        var payload = System.Text.Json.JsonSerializer.Deserialize<Insights.Dashboard.Jobs.ReportJobPayload>(job.PayloadJson)!;
        Assert.Equal([other.Profile!.Id], payload.CompareWith);
        Assert.Contains("compared with 'other'", job.Title);
        var schedule = Assert.Single(await Services.GetRequiredService<Insights.Dashboard.Reports.ReportSchedules>().ListAsync(mine.Profile.Id));
        Assert.Equal([other.Profile.Id], schedule.ComparedProfileIds());
        cut.WaitForAssertion(() => Assert.Contains("other", cut.Find("[data-testid=schedule-list]").TextContent));
    }

    [Fact]
    public async Task WithOneVisibleProfile_ThePageSaysThereIsNothingToCompareWith()
    {
        var filter = await SeedProfileAsync("alone", TestFiles.ThreePosts, TestFiles.Followers);
        var cut = Render<ReportsPage>(p => p.AddCascadingValue(filter with { Profiles = [filter.Profile!] }));

        Assert.Contains("nothing to compare it with", cut.Find("[data-testid=report-compare-none]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=report-compare]"));
    }

    [Fact]
    public async Task AddSchedule_ListsIt_RecordedAsMadeByTheSignedInUser()
    {
        await StartJobRunnerAsync();
        var filter = await SeedProfileAsync("scheduled", TestFiles.ThreePosts, TestFiles.Followers);
        var cut = Render<ReportsPage>(p => p.AddCascadingValue(filter));

        cut.Find("[data-testid=schedule-add] ").Click();

        cut.WaitForAssertion(() => Assert.Contains("week", cut.Find("[data-testid=schedule-list]").TextContent), Patience);
        Assert.Contains("none yet", cut.Find("[data-testid=schedule-list]").TextContent);
        // The click is handled in the circuit, where no HTTP request exists: the user comes from the authentication state.
        var schedule = Assert.Single(await Services.GetRequiredService<Insights.Dashboard.Reports.ReportSchedules>().ListAsync(filter.Profile!.Id));
        Assert.Equal(SignedInUserId, schedule.CreatedBy);
    }
}
