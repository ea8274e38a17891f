using Insights.Analytics.Domain;
using Insights.Analytics.Popularity;
using Insights.Dashboard.Model;
using static Insights.Dashboard.Tests.Model.ScoredProfile;

namespace Insights.Dashboard.Tests.Model;

public class PopularityModelTests
{
    private static readonly (DateOnly, long)[] Followers = [(new DateOnly(2020, 1, 1), 5_000), (new DateOnly(2024, 1, 1), 50_000)];

    private static List<PostMetrics> RandomPosts(int count, int seed, Func<int, MediaType>? type = null, bool impressions = true)
    {
        var random = new Random(seed);
        var start = Utc(2020, 1, 1);
        return Enumerable.Range(1, count).Select(i => Post(i, start.AddHours(i * 3 + random.Next(3)),
            type?.Invoke(i) ?? (MediaType)random.Next(3), likes: random.Next(10, 5_000), comments: random.Next(0, 300),
            impressions: impressions ? random.Next(1_000, 100_000) : null)).ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ClassCounts_SumToTheGroupsN_AndTheirSharesToOne(bool global)
    {
        var popularity = Score(RandomPosts(500, seed: 1), Followers);

        var model = PopularityModel.Build(popularity, DashboardFilter.Empty, global);

        Assert.Equal([MediaGroup.Images, MediaGroup.Videos], model.Groups.Select(g => g.Group));
        foreach (var group in model.Groups)
        {
            var n = popularity.Posts.Count(p => p.Group == group.Group);
            Assert.Equal(n, group.TotalPoints);
            Assert.Equal(3, group.Counts.Count);
            Assert.Equal(["low", "medium", "high"], group.Counts.Select(c => c.Name));
            Assert.Equal(n, group.Counts.Sum(c => c.Count));
            Assert.Equal(1, group.Counts.Sum(c => c.Share), 9);
            Assert.All(group.Counts, c => Assert.Equal(popularity.Posts.Count(p => p.Group == group.Group && (global ? p.GlobalClass : p.Class) == c.Class), c.Count));
        }
        Assert.Equal(500, model.PorVsEr.Count);
        Assert.InRange(model.Spearman, -1, 1);
    }

    [Fact]
    public void Build_LeavesOutPostsOutsideTheRange_AndPostsWithoutARate()
    {
        var posts = RandomPosts(300, seed: 2, type: _ => MediaType.Image, impressions: false);
        // Without any snapshot there is no PoR at all.
        var noFollowers = PopularityModel.Build(Score(posts, []), DashboardFilter.Empty, global: false);
        var popularity = Score(posts, Followers);
        var filter = DashboardFilter.Empty with { From = new DateOnly(2020, 1, 10), To = new DateOnly(2020, 1, 19) };

        var model = PopularityModel.Build(popularity, filter, global: false);

        Assert.All(noFollowers.Groups, g => Assert.Equal(0, g.TotalPoints));
        var images = model.Groups.Single(g => g.Group == MediaGroup.Images);
        var expected = posts.Count(p => p.PublishedUtc >= Utc(2020, 1, 10, 0) && p.PublishedUtc < Utc(2020, 1, 20, 0));
        Assert.Equal(expected, images.TotalPoints);
        Assert.Equal(expected, images.Counts.Sum(c => c.Count));
        Assert.All(images.Points, p => Assert.True(filter.Contains(p.PublishedUtc)));
        Assert.All(images.Boundaries, b => Assert.True(filter.Contains(b.AtUtc)));
        Assert.Equal(0, model.Groups.Single(g => g.Group == MediaGroup.Videos).TotalPoints);
        Assert.Empty(model.PorVsEr);
    }

    [Fact]
    public void Build_WithMoreThanMaxPointsPerGroup_DrawsAnEvenSample_ButCountsEveryPost()
    {
        var total = PopularityModel.MaxPointsPerGroup + 5_000;
        var posts = RandomPosts(total, seed: 3, type: i => i % 2_000 == 0 ? MediaType.Video : MediaType.Image);
        var popularity = Score(posts, Followers);

        var model = PopularityModel.Build(popularity, DashboardFilter.Empty, global: false);

        var images = model.Groups.Single(g => g.Group == MediaGroup.Images);
        var imageCount = popularity.Posts.Count(p => p.Group == MediaGroup.Images);
        Assert.True(imageCount > PopularityModel.MaxPointsPerGroup);
        Assert.Equal(imageCount, images.TotalPoints);
        Assert.Equal(PopularityModel.MaxPointsPerGroup, images.Points.Count);
        Assert.Equal(imageCount, images.Counts.Sum(c => c.Count));
        // An even sample in time order, starting at the first post; no post twice.
        Assert.Equal(popularity.Posts.First(p => p.Group == MediaGroup.Images).PostId, images.Points[0].PostId);
        Assert.Equal(images.Points.Count, images.Points.Select(p => p.PostId).Distinct().Count());
        Assert.True(images.Points.Zip(images.Points.Skip(1)).All(pair => pair.First.PublishedUtc <= pair.Second.PublishedUtc));
        Assert.True(images.Points[^1].PublishedUtc > popularity.Posts[^1].PublishedUtc.AddDays(-30), "the sample reaches the end of the history");

        var videos = model.Groups.Single(g => g.Group == MediaGroup.Videos);
        Assert.Equal(total / 2_000, videos.TotalPoints);
        Assert.Equal(videos.TotalPoints, videos.Points.Count);
        Assert.Equal(PopularityModel.MaxPointsPerGroup, model.PorVsEr.Count);
    }
}
