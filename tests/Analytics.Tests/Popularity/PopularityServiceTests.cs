using Insights.Analytics.Domain;
using Insights.Analytics.Popularity;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Popularity;

public class PopularityServiceTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (DateOnly, long)[] Snapshots = [(new DateOnly(2024, 1, 1), 1_000), (new DateOnly(2024, 1, 11), 2_000)];

    private static PostMetrics Post(long id, double day, MediaType type, long likes, long comments,
        long? shares = null, long? saves = null, long? impressions = null, long? reach = null) =>
        new(id, $"p{id}", Start.AddDays(day), type, likes, comments, shares, saves, impressions, reach);

    private static ProfilePopularity Score(IReadOnlyList<PostMetrics> posts, ClassSettings? settings = null, (DateOnly, long)[]? snapshots = null)
    {
        snapshots ??= Snapshots;
        return PopularityService.Score(1, posts, new FollowerCurve(snapshots), settings ?? new ClassSettings(3, 8, 12), snapshots);
    }

    [Fact]
    public void PopularityRate_IsLikesPlusCommentsOverInterpolatedFollowers()
    {
        var score = Assert.Single(Score([Post(1, 5, MediaType.Image, 100, 50)]).Posts);

        Assert.Equal(1_500, score.Followers, 9);
        Assert.False(score.FollowersExtrapolated);
        Assert.Equal(0.1, score.PopularityRate!.Value, 12);
        Assert.Equal(score.PopularityRate, score.Rate);
    }

    [Fact]
    public void PostsGivenInAnyOrder_GetTheSameClassesAndBoundaries_AsInPublishOrder()
    {
        // Images and videos over ten weeks with rates that vary.
        var random = new Random(5);
        var inOrder = Enumerable.Range(0, 400)
            .Select(i => Post(i, i / 6.0, i % 3 == 0 ? MediaType.Video : MediaType.Image, random.Next(10, 500), random.Next(0, 50)))
            .ToList();
        var shuffled = inOrder.OrderBy(_ => random.Next()).ToList();

        var expected = Score(inOrder);
        var actual = Score(shuffled);

        var byId = actual.Posts.ToDictionary(p => p.PostId);
        Assert.All(expected.Posts, p => Assert.Equal((p.Class, p.GlobalClass, p.Percentile), (byId[p.PostId].Class, byId[p.PostId].GlobalClass, byId[p.PostId].Percentile)));
        Assert.Contains(expected.Posts, p => p.Class == 2);
        Assert.Contains(expected.Posts, p => p.Class == 0);
        foreach (var group in new[] { MediaGroup.Images, MediaGroup.Videos })
            Assert.Equal(expected.Boundaries[group].Select(b => (b.AtUtc, string.Join(' ', b.Thresholds), b.WindowSize)),
                actual.Boundaries[group].Select(b => (b.AtUtc, string.Join(' ', b.Thresholds), b.WindowSize)));
    }

    [Fact]
    public void EngagementRate_IsOnlyComputedWhereImpressionsAreKnown()
    {
        var result = Score([
            Post(1, 5, MediaType.Image, 100, 50, shares: 5, saves: null, impressions: 1_000),
            Post(2, 6, MediaType.Image, 100, 50, shares: 5, saves: 7, impressions: null),
            Post(3, 7, MediaType.Image, 100, 50, impressions: 0),
        ]);

        Assert.Equal(0.155, result.Posts[0].EngagementRate!.Value, 12);
        Assert.Null(result.Posts[1].EngagementRate);
        Assert.Null(result.Posts[2].EngagementRate);
        Assert.All(result.Posts, p => Assert.NotNull(p.PopularityRate));
    }

    [Fact]
    public void WithReachAsBase_TheRateUsesReach_AndPostsWithoutReachGetNoClass()
    {
        var result = Score(
            [Post(1, 1, MediaType.Image, 30, 10, reach: 400), Post(2, 2, MediaType.Image, 30, 10), Post(3, 3, MediaType.Image, 10, 10, reach: 400)],
            new ClassSettings(2, 8, 12, EngagementBase.Reach));

        Assert.Equal(0.1, result.Posts[0].Rate!.Value, 12);
        Assert.Null(result.Posts[1].Rate);
        Assert.Null(result.Posts[1].Class);
        Assert.NotNull(result.Posts[1].PopularityRate);
        Assert.Equal(1, result.Posts[0].Class);
        Assert.Equal(0, result.Posts[2].Class);
        Assert.All(result.Posts.Where(p => p.Class is not null), p => Assert.Equal(2, result.Posts.Count(q => q.Rate is not null)));
    }

    [Fact]
    public void WithImpressionsAsBase_TheRateUsesImpressions()
    {
        var result = Score([Post(1, 1, MediaType.Video, 30, 10, impressions: 800)], new ClassSettings(3, 8, 12, EngagementBase.Impressions));

        Assert.Equal(0.05, result.Posts[0].Rate!.Value, 12);
    }

    [Fact]
    public void ImagesAndVideos_AreRankedSeparately_AndCarouselsRankWithImages()
    {
        // Videos reach ten times the rate of images; ranked together every image would be low.
        var posts = new List<PostMetrics>();
        for (var i = 0; i < 6; i++)
            posts.Add(Post(i + 1, i, MediaType.Image, 10 + 20 * i, 0));
        posts.Add(Post(7, 2.5, MediaType.Carousel, 100, 0)); // the best of the image group
        for (var i = 0; i < 6; i++)
            posts.Add(Post(10 + i, i + 0.5, MediaType.Video, 500 + 10 * i, 0));
        var ordered = posts.OrderBy(p => p.PublishedUtc).ToList();

        var result = Score(ordered, new ClassSettings(2, 8, 12));
        var images = result.Posts.Where(p => p.Group == MediaGroup.Images).ToList();
        var videos = result.Posts.Where(p => p.Group == MediaGroup.Videos).ToList();

        Assert.Equal(7, images.Count);
        Assert.Equal(6, videos.Count);
        Assert.Equal(1, result.Posts.Single(p => p.PlatformPostId == "p7").Class);
        Assert.Equal(3, videos.Count(p => p.Class == 0));
        Assert.Equal(3, videos.Count(p => p.Class == 1));
        Assert.Contains(images, p => p.MediaType == MediaType.Image && p.Class == 1);
        Assert.Contains(MediaGroup.Images, result.Boundaries.Keys);
        Assert.Contains(MediaGroup.Videos, result.Boundaries.Keys);
    }

    [Fact]
    public void WithoutFollowerSnapshots_PostsHaveNoPopularityRateAndNoClass()
    {
        var result = Score([Post(1, 1, MediaType.Image, 10, 1, impressions: 100), Post(2, 2, MediaType.Image, 20, 1)], snapshots: []);

        Assert.All(result.Posts, p =>
        {
            Assert.True(double.IsNaN(p.Followers));
            Assert.Null(p.PopularityRate);
            Assert.Null(p.Class);
            Assert.Null(p.GlobalClass);
        });
        Assert.NotNull(result.Posts[0].EngagementRate);
    }

    [Fact]
    public void ScalingAllFollowers_ChangesNoClass()
    {
        var random = new Random(11);
        var posts = Enumerable.Range(0, 400)
            .Select(i => Post(i, i * 0.9, random.Next(4) == 0 ? MediaType.Video : MediaType.Image, random.Next(0, 500), random.Next(0, 50)))
            .ToList();
        (DateOnly, long)[] snapshots = [(new DateOnly(2024, 1, 1), 1_000), (new DateOnly(2024, 4, 1), 5_300), (new DateOnly(2024, 12, 1), 8_000)];
        var scaled = snapshots.Select(s => (s.Item1, s.Item2 * 7)).ToArray();

        var before = Score(posts, snapshots: snapshots);
        var after = Score(posts, snapshots: scaled);

        Assert.Equal(before.Posts.Select(p => p.Class), after.Posts.Select(p => p.Class));
        Assert.Equal(before.Posts.Select(p => p.GlobalClass), after.Posts.Select(p => p.GlobalClass));
        Assert.Equal(before.Posts[10].PopularityRate!.Value / 7, after.Posts[10].PopularityRate!.Value, 12);
    }

    [Fact]
    public void PostsInAnyOrder_GetTheSameClassesAsInPublishOrder()
    {
        var random = new Random(21);
        var posts = Enumerable.Range(0, 300)
            .Select(i => Post(i, i * 0.7 + random.NextDouble(), random.Next(3) == 0 ? MediaType.Video : MediaType.Image, random.Next(1, 400), random.Next(0, 40)))
            .OrderBy(p => p.PublishedUtc).ToList();
        var shuffled = posts.OrderBy(_ => random.Next()).ToList();

        var ordered = Score(posts).Posts.ToDictionary(p => p.PostId);
        var fromShuffled = Score(shuffled).Posts;

        Assert.Equal(shuffled.Select(p => p.Id), fromShuffled.Select(p => p.PostId));
        Assert.All(fromShuffled, p => Assert.Equal((ordered[p.PostId].Class, ordered[p.PostId].Percentile), (p.Class, p.Percentile)));
    }

    [Fact]
    public void Boundaries_AreTheWindowQuantiles()
    {
        // Ten posts, all within one window: the boundaries are the 1/3 and 2/3 quantiles of all rates.
        var posts = Enumerable.Range(0, 10).Select(i => Post(i, 1 + i * 0.1, MediaType.Image, 10 * (i + 1), 0)).ToList();

        var result = Score(posts, new ClassSettings(3, 8, 12));

        var rates = result.Posts.Select(p => p.Rate!.Value).Order().ToArray();
        var boundary = result.Boundaries[MediaGroup.Images][0];
        Assert.Equal(10, boundary.WindowSize);
        Assert.Equal(RollingBoundaries.Quantile(rates, 1.0 / 3), boundary.Thresholds[0], 12);
        Assert.Equal(RollingBoundaries.Quantile(rates, 2.0 / 3), boundary.Thresholds[1], 12);
        Assert.Empty(result.Boundaries[MediaGroup.Videos]);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 2.5)]
    [InlineData(1.0, 4.0)]
    [InlineData(0.25, 1.75)]
    public void Quantile_InterpolatesLinearly(double q, double expected) =>
        Assert.Equal(expected, RollingBoundaries.Quantile([1.0, 2.0, 3.0, 4.0], q), 12);

    [Fact]
    public void PostsOutsideTheSnapshots_AreFlaggedExtrapolated()
    {
        var result = Score([Post(1, -3, MediaType.Image, 1, 1), Post(2, 4, MediaType.Image, 1, 1), Post(3, 30, MediaType.Image, 1, 1)]);

        Assert.Equal([true, false, true], result.Posts.Select(p => p.FollowersExtrapolated));
        Assert.Equal([1_000.0, 1_400.0, 2_000.0], result.Posts.Select(p => Math.Round(p.Followers, 6)));
    }

    [Fact]
    public async Task GetAsync_ScoresTheStoredProfile_AndSeesANewImport()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        await db.ImportTextAsync(profile, "followers.csv", "date,followers\n2024-01-01,1000\n2024-01-11,2000\n");
        await db.ImportTextAsync(profile, "posts.csv",
            "post_id,published_at,post_type,likes,comments\np1,2024-01-06T00:00:00Z,image,100,50\np2,2024-01-07T00:00:00Z,video,10,0\n");
        var service = db.Services.GetRequiredService<PopularityService>();

        var first = await service.GetAsync(profile);
        var p1 = first.Posts.Single(p => p.PlatformPostId == "p1");
        Assert.Equal(0.1, p1.PopularityRate!.Value, 12);
        Assert.Equal(2, first.FollowerSnapshots.Count);

        await db.ImportTextAsync(profile, "posts.csv",
            "post_id,published_at,post_type,likes,comments\np1,2024-01-06T00:00:00Z,image,300,0\n");
        var second = await service.GetAsync(profile);

        Assert.Equal(0.2, second.Posts.Single(p => p.PlatformPostId == "p1").PopularityRate!.Value, 12);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => service.GetAsync(profile + 100));
    }
}
