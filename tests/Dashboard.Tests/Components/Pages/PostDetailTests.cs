using Bunit;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Components.Pages.Posts;
using Insights.Dashboard.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Components.Pages;

public class PostDetailTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public PostDetailTests() => AddTestServices();

    private async Task<PostRow> RowAsync(DashboardFilter filter, string postId)
    {
        var scores = await Services.GetRequiredService<PopularityService>().GetAsync(filter.Profile!.Id);
        var details = await Services.GetRequiredService<PostCatalog>().DetailsAsync(filter.Profile.Id);
        var score = scores.Posts.Single(p => p.PlatformPostId == postId);
        return new PostRow(score, details.GetValueOrDefault(score.PostId), score.Class is { } c ? ClassSettings.ClassName(c, 3) : null);
    }

    private async Task ImportAsync(DashboardFilter filter, string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        var report = await Services.GetRequiredService<ImportService>().ImportFileAsync(filter.Profile!.Id, name, stream);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    [Fact]
    public async Task Detail_ShowsMetrics_MissingOnesAsMissing_WithLabelsAndMedia()
    {
        var filter = await SeedProfileAsync("detailed", TestFiles.ThreePosts, TestFiles.Followers);
        await ImportAsync(filter, "labels.csv", TestFiles.Utf8(TestFiles.Labels));
        var image = TestFiles.Png(9, 9, 9);
        await ImportAsync(filter, "media.zip", TestFiles.Zip(("P2.png", image)));

        var reelRow = await RowAsync(filter, "P2");
        var carouselRow = await RowAsync(filter, "P3");

        var reel = Render<PostDetail>(p => p.Add(d => d.Row, reelRow));
        var carousel = Render<PostDetail>(p => p.Add(d => d.Row, carouselRow));
        reel.WaitForAssertion(() => Assert.Equal(2, reel.FindAll(".mud-chip").Count), Patience);

        var reelCells = Cells(reel);
        Assert.Equal("300", reelCells["Likes"]);
        Assert.Equal("12", reelCells["Shares"]);
        Assert.Equal("5,000", reelCells["Impressions"]);
        Assert.Equal("missing", reelCells["Reach"]);
        Assert.Equal(["tone: funny", "topic: food"], reel.FindAll(".mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Equal($"/media/{TestFiles.Sha256(image)}/thumbnail?size=1024", reel.Find("img.thumb-large").GetAttribute("src"));

        carousel.WaitForAssertion(() => Assert.Contains("No media imported for this post.", carousel.Markup), Patience);
        var carouselCells = Cells(carousel);
        Assert.Equal("missing", carouselCells["Shares"]);
        Assert.Equal("missing", carouselCells["Saves"]);
        Assert.Equal("missing", carouselCells["Impressions"]);
        Assert.Equal("–", carouselCells["Engagement rate"]);
        Assert.Empty(carousel.FindAll(".mud-chip"));
    }

    private static Dictionary<string, string> Cells(IRenderedComponent<PostDetail> cut) =>
        cut.FindAll("[data-testid=post-detail] tbody tr").ToDictionary(
            r => r.QuerySelectorAll("td")[0].TextContent.Trim(), r => r.QuerySelectorAll("td")[1].TextContent.Trim());
}
