using Bunit;
using Insights.Dashboard.Model;
using PostsPage = Insights.Dashboard.Components.Pages.Posts.Posts;

namespace Insights.Dashboard.Tests.Components.Pages;

/// <summary>The Posts grid pages the range's posts newest first from the shared scores, with their count.</summary>
public class PostsPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public PostsPageTests() => AddTestServices();

    private IRenderedComponent<PostsPage> RenderPosts(DashboardFilter filter) => Render<PostsPage>(p => p.AddCascadingValue(filter));

    private static List<string> ShownIds(IRenderedComponent<PostsPage> cut) =>
        [.. cut.FindAll("[data-testid=posts-grid] tbody tr.mud-table-row").Select(row => row.QuerySelectorAll("td")[1].TextContent.Trim())];

    [Fact]
    public async Task TheWholeHistory_IsShownNewestFirst_WithItsCount()
    {
        var filter = await SeedProfileAsync("posts", TestFiles.ThreePosts, TestFiles.Followers);

        var cut = RenderPosts(filter);

        cut.WaitForAssertion(() => Assert.Equal(["P3", "P2", "P1"], ShownIds(cut)), Patience);
        Assert.Contains("3 posts", cut.Markup);
    }

    [Fact]
    public async Task ARange_ShowsOnlyItsPosts_NewestFirst_AndAnotherRangeOfTheSameScoresIsNotMixedUp()
    {
        var ranged = await SeedProfileAsync("ranged", TestFiles.ThreePosts, TestFiles.Followers, from: new DateOnly(2024, 3, 5));

        var cut = RenderPosts(ranged);
        cut.WaitForAssertion(() => Assert.Equal(["P3", "P2"], ShownIds(cut)), Patience);
        Assert.Contains("2 posts", cut.Markup);

        // Same profile and scores, an earlier range: its own view, not the one above.
        var early = RenderPosts(ranged with { From = null, To = new DateOnly(2024, 3, 5) });
        early.WaitForAssertion(() => Assert.Equal(["P1"], ShownIds(early)), Patience);
        Assert.Contains("1 post ", early.Markup);
    }
}
