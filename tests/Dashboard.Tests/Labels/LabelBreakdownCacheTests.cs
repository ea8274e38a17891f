using Insights.Analytics.Engagement;
using Insights.Dashboard.Labels;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Labels;

/// <summary>The Labels page's bootstrap breakdown is computed once per stamp, range and options, within a bounded number of entries.</summary>
public class LabelBreakdownCacheTests : DashboardTestContext
{
    public LabelBreakdownCacheTests() => AddTestServices();

    [Fact]
    public async Task SameStampAndRange_ReuseTheBreakdown_AChangeComputesANewOne_AndTheCacheStaysBounded()
    {
        var filter = await SeedProfileAsync("breakdowns", TestFiles.ThreePosts, TestFiles.Followers);
        var profileId = filter.Profile!.Id;
        var engagement = Services.GetRequiredService<EngagementService>();
        var posts = await engagement.LoadPostsAsync(profileId);
        var stamp = await Services.GetRequiredService<PostLabelSource>().StampAsync(profileId);
        using var cache = new LabelBreakdownCache();

        var first = cache.GetOrCompute(profileId, stamp, null, null, posts, engagement.Options);
        var again = cache.GetOrCompute(profileId, stamp, null, null, posts, engagement.Options);
        var otherRange = cache.GetOrCompute(profileId, stamp, new DateOnly(2024, 3, 1), null, posts, engagement.Options);
        var changed = cache.GetOrCompute(profileId, stamp + "-changed", null, null, posts, engagement.Options);

        Assert.Same(first, again);
        Assert.NotSame(first, otherRange);
        Assert.NotSame(first, changed);
        for (var i = 0; i < LabelBreakdownCache.MaxEntries + 20; i++)
            cache.GetOrCompute(profileId, $"stamp-{i}", null, null, posts, engagement.Options);
        Assert.InRange(cache.Count, 1, LabelBreakdownCache.MaxEntries);
    }
}
