using Insights.Analytics.Caching;
using Insights.Analytics.Engagement;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Popularity;
using Insights.Dashboard.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Caching;

/// <summary>The warmer fills the shared cache a page visit reads, once per data version, largest profiles first, within the budget.</summary>
public class PageCacheWarmerTests : DashboardTestContext
{
    public PageCacheWarmerTests() => AddTestServices();

    [Fact]
    public async Task AProfile_IsWarmedOncePerDataVersion_AndAVisitAfterwardsFindsItsEntries()
    {
        var filter = await SeedProfileAsync("warm", TestFiles.ThreePosts, TestFiles.Followers);
        var profileId = filter.Profile!.Id;
        var memory = Services.GetRequiredService<IMemoryCache>();
        var warmer = ActivatorUtilities.CreateInstance<PageCacheWarmer>(Services);
        var settings = new CacheOptions();

        var before = memory.GetCurrentStatistics()!.CurrentEntryCount;
        Assert.Equal([profileId], await warmer.WarmChangedAsync(settings, CancellationToken.None));
        var warmed = memory.GetCurrentStatistics()!.CurrentEntryCount;
        Assert.True(warmed > before, $"the warm-up should add cache entries ({before} -> {warmed})");

        // What the pages read is now there: reading it adds no entry.
        await Services.GetRequiredService<PopularityService>().GetAsync(profileId);
        await Services.GetRequiredService<EngagementService>().LoadPostsAsync(profileId);
        Assert.Equal(warmed, memory.GetCurrentStatistics()!.CurrentEntryCount);

        Assert.Empty(await warmer.WarmChangedAsync(settings, CancellationToken.None));

        // An import moves the data version: the profile is warmed again.
        using var more = new MemoryStream(TestFiles.Utf8(TestFiles.ThreePosts.Replace("P1,", "P9,", StringComparison.Ordinal)));
        Assert.True((await Services.GetRequiredService<ImportService>().ImportFileAsync(profileId, "more.csv", more)).Succeeded);
        Assert.Equal([profileId], await warmer.WarmChangedAsync(settings, CancellationToken.None));
    }

    [Fact]
    public async Task TheLargestProfilesGoFirst_UpToTheCount_AndNoneIsWarmedWhenOff()
    {
        var small = await SeedProfileAsync("small", TestFiles.ThreePosts, TestFiles.Followers);
        var rows = "\n" + TestFiles.ThreePosts.Split('\n', 2)[1];
        var large = await SeedProfileAsync("large", TestFiles.ThreePosts + rows.Replace("\nP", "\nQ", StringComparison.Ordinal).TrimStart('\n'), TestFiles.Followers);
        var warmer = ActivatorUtilities.CreateInstance<PageCacheWarmer>(Services);

        Assert.Empty(await ActivatorUtilities.CreateInstance<PageCacheWarmer>(Services).WarmChangedAsync(new CacheOptions { WarmProfiles = 0 }, CancellationToken.None));
        Assert.Equal([large.Profile!.Id], await warmer.WarmChangedAsync(new CacheOptions { WarmProfiles = 1 }, CancellationToken.None));
        Assert.NotEqual(small.Profile!.Id, large.Profile.Id);
    }
}
