using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Insights.Dashboard.Components.Controls;
using Insights.Dashboard.Model;
using OverviewPage = Insights.Dashboard.Components.Pages.Overview.Overview;

namespace Insights.Dashboard.Tests.Components.Pages;

public class OverviewPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public OverviewPageTests() => AddTestServices();

    // Followers grow linearly from 10,000 on 1 March to 10,600 on 31 March (TestFiles.Followers).
    private static double FollowersAt(int day, double hour) => 10_000 + 600 * (day - 1 + hour / 24) / 30;

    private IRenderedComponent<OverviewPage> RenderOverview(DashboardFilter filter) =>
        Render<OverviewPage>(p => p.AddCascadingValue(filter));

    private static Dictionary<string, (string Value, string Note)> Kpis(IRenderedComponent<OverviewPage> cut) =>
        cut.FindAll("[data-testid=kpi]").ToDictionary(
            k => k.QuerySelector(".mud-typography")!.TextContent.Trim(),
            k => (k.QuerySelector(".kpi-value")!.TextContent, k.QuerySelector(".kpi-note")!.TextContent));

    [Fact]
    public async Task SeededProfile_ShowsPostCount_MedianPorWithItsN_AndFollowerGrowth()
    {
        var filter = await SeedProfileAsync("brand", TestFiles.ThreePosts, TestFiles.Followers);

        var cut = RenderOverview(filter);
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=kpi]").Count), Patience);

        var kpis = Kpis(cut);
        Assert.Equal(("3", "1 images · 1 carousels · 1 videos"), kpis["Posts"]);
        double[] por = [130 / FollowersAt(4, 10), 325 / FollowersAt(6, 18.5), 86 / FollowersAt(11, 8.25)];
        var median = por.Order().ElementAt(1);
        Assert.Equal((median * 100).ToString("F2", CultureInfo.InvariantCulture) + "%", kpis["Median Popularity Rate"].Value);
        Assert.EndsWith("n = 3", kpis["Median Popularity Rate"].Note);
        Assert.EndsWith("n = 2", kpis["Median engagement rate"].Note);
        // From the first post's day (4 March: 10,060) to the last post's day (11 March: 10,200).
        Assert.Equal("+" + ((10_200 / 10_060.0 - 1) * 100).ToString("F1", CultureInfo.InvariantCulture) + "%", kpis["Follower growth"].Value);
        Assert.Equal("10,060 → 10,200 followers (2 snapshots in range)", kpis["Follower growth"].Note);
        Assert.Contains("brand on instagram · all time", cut.Markup);
    }

    [Fact]
    public async Task DateRange_LimitsTheFigures_ToThePostsInIt()
    {
        var filter = await SeedProfileAsync("ranged", TestFiles.ThreePosts, TestFiles.Followers, from: new DateOnly(2024, 3, 5));

        var cut = RenderOverview(filter);
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=kpi]").Count), Patience);

        var kpis = Kpis(cut);
        Assert.Equal(("2", "0 images · 1 carousels · 1 videos"), kpis["Posts"]);
        Assert.EndsWith("n = 2", kpis["Median Popularity Rate"].Note);
        Assert.EndsWith("n = 1", kpis["Median engagement rate"].Note);
        Assert.Contains("since 5 Mar 2024", cut.Markup);
    }

    [Fact]
    public async Task ProfileWithoutFollowerSnapshots_SaysSo_AndShowsNoRate()
    {
        var filter = await SeedProfileAsync("no-followers", TestFiles.ThreePosts);

        var cut = RenderOverview(filter);
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=kpi]").Count), Patience);

        var kpis = Kpis(cut);
        Assert.Equal("–", kpis["Median Popularity Rate"].Value);
        Assert.EndsWith("n = 0", kpis["Median Popularity Rate"].Note);
        Assert.Equal(("–", "no follower snapshots"), kpis["Follower growth"]);
        var followersChart = cut.FindComponents<Chart>().Single(c => c.Instance.TestId == "followers-chart");
        Assert.True(followersChart.Instance.Empty);
        Assert.Contains("No follower snapshots imported yet.", followersChart.Markup);
    }

    [Fact]
    public async Task ARangeWithoutPosts_SaysSo_InsteadOfShowingZeroFigures()
    {
        var filter = await SeedProfileAsync("empty-range", TestFiles.ThreePosts, TestFiles.Followers, from: new DateOnly(2025, 1, 1));

        var cut = RenderOverview(filter);
        cut.WaitForAssertion(() => cut.Find("[data-testid=overview-empty-range]"), Patience);

        var notice = cut.Find("[data-testid=overview-empty-range]").TextContent;
        Assert.Contains("No posts in this range (since 1 Jan 2025)", notice);
        Assert.Contains("has posts from 4 Mar 2024 to 11 Mar 2024", notice);
        Assert.Empty(cut.FindAll("[data-testid=kpi]"));
        Assert.DoesNotContain("+0.0%", cut.Markup);
    }

    [Fact]
    public void NoProfile_ShowsTheWayToTheImportPage()
    {
        var cut = RenderOverview(DashboardFilter.Empty);

        Assert.Single(cut.FindComponents<NoProfile>());
        Assert.Empty(cut.FindAll("[data-testid=kpi]"));
    }

    [Fact]
    public async Task TheSameFilterHandedDownAgain_DoesNotRedrawTheCharts_AnotherRangeDoes()
    {
        var filter = await SeedProfileAsync("settled", TestFiles.ThreePosts, TestFiles.Followers);
        var cut = Render<CascadingValue<DashboardFilter>>(p => p.Add(c => c.Value, filter).AddChildContent<OverviewPage>());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<Chart>()), Patience);
        int Version() => cut.FindComponents<Chart>()[0].Instance.Version;
        var drawn = Version();

        // What the layout does as it settles: an equal filter, a new object.
        cut.Render(p => p.Add(c => c.Value, filter with { }).AddChildContent<OverviewPage>());
        cut.WaitForAssertion(() => Assert.Contains("all time", cut.Markup), Patience);
        Assert.Equal(drawn, Version());

        cut.Render(p => p.Add(c => c.Value, filter with { From = new DateOnly(2024, 3, 5) }).AddChildContent<OverviewPage>());
        cut.WaitForAssertion(() => Assert.True(Version() > drawn), Patience);
    }
}
