using Insights.Analytics.Hashtags;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Hashtags;

/// <summary>A profile's hashtag report is computed once per data version, range and minimum, and an import is seen at once.</summary>
public sealed class HashtagServiceTests
{
    private static string Posts(string lastCaption) =>
        "post_id,published_at,likes,comments,impressions,caption\n" +
        string.Concat(Enumerable.Range(1, 24).Select(i => $"p{i},2024-01-{i:00}T12:00:00Z,{10 * i},{i},{1000 + 37 * i},{(i % 2 == 0 ? "Even #pair" : "Odd #single")}\n")) +
        $"p25,2024-02-01T12:00:00Z,50,5,1500,{lastCaption}\n";

    [Fact]
    public async Task TheReport_IsSharedUntilAnImportChangesTheCaptions()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var brand = await db.CreateProfileAsync("brand");
        await db.ImportTextAsync(brand, "posts.csv", Posts("Plain"));
        var hashtags = db.Services.GetRequiredService<HashtagService>();

        var (first, _) = await hashtags.GetAsync(brand, null, null, minPosts: 2);
        var (again, _) = await hashtags.GetAsync(brand, null, null, minPosts: 2);
        var (january, _) = await hashtags.GetAsync(brand, new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 24), minPosts: 2);
        Assert.Same(first, again);
        Assert.NotSame(first, january);
        Assert.Equal((25, 24), (first.Posts, january.Posts));
        Assert.DoesNotContain(first.All, t => t.Tag == "#new");

        await db.ImportTextAsync(brand, "posts.csv", Posts("Now #new #pair").Replace("Odd #single", "Odd #single #new", StringComparison.Ordinal));
        var (changed, _) = await hashtags.GetAsync(brand, null, null, minPosts: 2);
        Assert.Equal(13, changed.All.Single(t => t.Tag == "#new").N);
    }
}
