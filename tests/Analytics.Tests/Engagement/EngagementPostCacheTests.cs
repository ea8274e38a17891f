using Insights.Analytics.Engagement;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Engagement;

/// <summary>
/// The engagement posts (captions parsed, manual labels joined) are read once per data version and zone and shared by
/// every page that asks; whatever moves the data version is seen on the next call.
/// </summary>
public sealed class EngagementPostCacheTests
{
    private const string Posts = "post_id,published_at,likes,comments,caption\np1,2024-01-03T12:00:00Z,10,1,Hello #one\np2,2024-01-04T12:00:00Z,20,2,Plain\n";

    [Fact]
    public async Task TheSamePosts_AreSharedUntilTheData_OrTheManualLabels_Change()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var brand = await db.CreateProfileAsync("brand");
        await db.ImportTextAsync(brand, "posts.csv", Posts);
        var engagement = db.Services.GetRequiredService<EngagementService>();

        var first = await engagement.LoadPostsAsync(brand);
        var again = await engagement.LoadPostsAsync(brand);
        Assert.Same(first, again);
        Assert.Equal(1, first.Single(p => p.Caption.Hashtags == 1).Caption.Hashtags);

        await db.ImportTextAsync(brand, "labels.csv", "post_id,category,value\np2,topic,food\n");
        var labelled = await engagement.LoadPostsAsync(brand);
        Assert.NotSame(first, labelled);
        Assert.Equal("food", labelled.Single(p => p.ManualLabels.Count > 0).ManualLabels["topic"]);

        await db.ImportTextAsync(brand, "posts.csv", Posts.Replace("Plain", "Now #two #three", StringComparison.Ordinal));
        var recaptioned = await engagement.LoadPostsAsync(brand);
        Assert.Equal([1, 2], recaptioned.Select(p => p.Caption.Hashtags).Order());
    }

    [Fact]
    public async Task AutomaticLabels_AreJoinedPerCall_WithoutChangingTheSharedPosts()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var brand = await db.CreateProfileAsync("brand");
        await db.ImportTextAsync(brand, "posts.csv", Posts);
        var engagement = db.Services.GetRequiredService<EngagementService>();
        var shared = await engagement.LoadPostsAsync(brand);
        var someone = new AutomaticLabels(new Dictionary<string, string> { ["people"] = "one" }, new Dictionary<string, double>());

        var withLabels = await engagement.LoadPostsAsync(brand, new Dictionary<long, AutomaticLabels> { [shared[0].PostId] = someone });

        Assert.Same(someone, withLabels[0].Automatic);
        Assert.Null(withLabels[1].Automatic);
        Assert.All(await engagement.LoadPostsAsync(brand), p => Assert.Null(p.Automatic));
    }
}
