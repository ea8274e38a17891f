using Insights.Analytics.Engagement;
using Insights.Dashboard.Labels;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Labels;

/// <summary>The Labels page's view of a range is computed once per stamp, range and options, and equals a direct computation.</summary>
public class LabelRangeViewsTests : DashboardTestContext
{
    public LabelRangeViewsTests() => AddTestServices();

    [Fact]
    public async Task SameStampAndRange_ReuseTheView_AnotherRangeOrStampComputesAnother()
    {
        var filter = await SeedProfileAsync("ranges", TestFiles.ThreePosts, TestFiles.Followers);
        var engagement = Services.GetRequiredService<EngagementService>();
        var stamp = await Services.GetRequiredService<PostLabelSource>().StampAsync(filter.Profile!.Id);
        var views = Services.GetRequiredService<LabelRangeViews>();

        var first = await views.GetAsync(filter, stamp, engagement.Options);
        var again = await views.GetAsync(filter, stamp, engagement.Options);
        var later = filter with { From = new DateOnly(2024, 3, 7) };
        var otherRange = await views.GetAsync(later, stamp, engagement.Options);
        var changed = await views.GetAsync(filter, stamp + "-changed", engagement.Options);

        Assert.Same(first, again);
        Assert.NotSame(first, otherRange);
        Assert.NotSame(first, changed);
        Assert.Equal(first.Posts.Count(p => p.PublishedUtc >= new DateTime(2024, 3, 7)), otherRange.Posts.Count);
        Assert.True(otherRange.Posts.Count < first.Posts.Count, "the later range should hold fewer posts");
    }

    [Fact]
    public async Task TheView_HoldsTheBreakdownADirectComputationGives()
    {
        var filter = await SeedProfileAsync("direct", TestFiles.ThreePosts, TestFiles.Followers);
        var engagement = Services.GetRequiredService<EngagementService>();
        var stamp = await Services.GetRequiredService<PostLabelSource>().StampAsync(filter.Profile!.Id);

        var view = await Services.GetRequiredService<LabelRangeViews>().GetAsync(filter, stamp, engagement.Options);
        var direct = LabelBreakdowns.Compute(await engagement.LoadPostsAsync(filter.Profile.Id), engagement.Options);

        Assert.NotNull(view.Breakdown);
        Assert.Equal(direct.Posts, view.Breakdown.Posts);
        Assert.Equal(direct.Categories.Select(c => c.Category), view.Breakdown.Categories.Select(c => c.Category));
        Assert.Equal(direct.Categories.SelectMany(c => c.Rows).Select(r => (r.Value, r.N, r.Median)),
            view.Breakdown.Categories.SelectMany(c => c.Rows).Select(r => (r.Value, r.N, r.Median)));
    }
}
