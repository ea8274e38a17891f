using Bunit;
using Insights.Dashboard.Components.Controls;
using Insights.Dashboard.Model;
using PopularityPage = Insights.Dashboard.Components.Pages.Popularity.Popularity;

namespace Insights.Dashboard.Tests.Components.Pages;

public class PopularityPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public PopularityPageTests() => AddTestServices();

    [Fact]
    public async Task SeededProfile_ShowsClassCountsPerMediaGroup_SummingToTheirN()
    {
        var filter = await SeedProfileAsync("brand", TestFiles.ThreePosts, TestFiles.Followers);

        var cut = Render<PopularityPage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=class-counts-videos]"), Patience);

        var images = cut.Find("[data-testid=class-counts-images]");
        Assert.Contains("Images and carousels: posts per class (n = 2)", images.TextContent);
        var imageCounts = images.QuerySelectorAll("tbody tr").Select(r => int.Parse(r.QuerySelectorAll("td")[1].TextContent)).ToList();
        Assert.Equal(3, imageCounts.Count);
        Assert.Equal(2, imageCounts.Sum());
        Assert.Contains("Videos: posts per class (n = 1)", cut.Find("[data-testid=class-counts-videos]").TextContent);
        Assert.Contains("Rolling classes", cut.Markup);
        Assert.Contains("n = 2", cut.FindComponents<Chart>().Single(c => c.Instance.TestId == "por-vs-er-chart").Instance.Caption);
    }

    [Fact]
    public void NoProfile_ShowsTheWayToTheImportPage()
    {
        var cut = Render<PopularityPage>(p => p.AddCascadingValue(DashboardFilter.Empty));

        Assert.Single(cut.FindComponents<NoProfile>());
    }
}
