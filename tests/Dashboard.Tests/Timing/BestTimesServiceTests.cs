using System.Globalization;
using System.Net;
using System.Text;
using Insights.Analytics.Profiles;
using Insights.Analytics.Timing;
using Insights.Dashboard.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Timing;

/// <summary>
/// The heatmap is worked out once per state of the profile: the page's second cascade or another page asking for the
/// same profile and range gets the kept result, and an import (new data, a new stamp) gets a fresh one.
/// </summary>
public sealed class BestTimesServiceTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    private static string Posts(int first, int count)
    {
        var posts = new StringBuilder("Post ID,Publish time,Post type,Description,Likes,Comments\n");
        for (var i = first; i < first + count; i++)
            posts.Append(CultureInfo.InvariantCulture, $"T{i},{new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-dd}T{(i % 2 == 0 ? "09" : "19")}:00:00Z,Photo,A post,{100 + 7 * (i % 13)},5\n");
        return posts.ToString();
    }

    [Fact]
    public async Task TheSameProfileAndRange_IsWorkedOutOnce_AndAnImportMakesItNew()
    {
        using var client = app.CreateClient();
        const string followers = "Date,Followers\n2024-01-01,10000\n2024-12-01,11000\n";
        var (status, _) = await client.ImportAsync("times-cache", ("posts.csv", TestFiles.Utf8(Posts(0, 120))), ("followers.csv", TestFiles.Utf8(followers)));
        Assert.Equal(HttpStatusCode.OK, status);
        var profile = (await app.Services.GetRequiredService<ProfileCatalog>().FindAsync("times-cache"))!;
        var service = app.Services.GetRequiredService<BestTimesService>();

        var first = await service.GetAsync(profile.Id, null, null);
        var again = await service.GetAsync(profile.Id, null, null);
        var ranged = await service.GetAsync(profile.Id, new DateOnly(2024, 2, 1), null);

        Assert.Same(first, again);
        Assert.NotSame(first, ranged);
        Assert.True(ranged.Posts < first.Posts, $"{ranged.Posts} posts from February, {first.Posts} in all");

        (status, _) = await client.ImportAsync("times-cache", ("posts.csv", TestFiles.Utf8(Posts(120, 60))), ("followers.csv", TestFiles.Utf8(followers)));
        Assert.Equal(HttpStatusCode.OK, status);
        var afterImport = await service.GetAsync(profile.Id, null, null);

        Assert.NotSame(first, afterImport);
        Assert.Equal(first.Posts + 60, afterImport.Posts);
    }
}
