using Insights.Analytics.Compare;
using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Popularity;

namespace Insights.Analytics.Tests.Compare;

public class ProfileComparisonTests
{
    private static ProfilePopularity Scored(IReadOnlyList<PostMetrics> posts, params (DateOnly, long)[] snapshots) =>
        PopularityService.Score(1, posts, new FollowerCurve(snapshots), ClassSettings.From(new PopularityOptions()), snapshots);

    private static PostMetrics Post(int id, DateTime published, MediaType type, long likes, long? impressions = null) =>
        new(id, $"p{id}", published, type, likes, 0, null, null, impressions, null);

    [Fact]
    public void Summary_CountsMixCadenceRatesAndGrowth_InsideTheRangeOnly()
    {
        // 1,000 followers throughout except growth to 1,100 over March; PoR = likes / followers.
        var posts = new List<PostMetrics>
        {
            Post(1, new DateTime(2024, 2, 20, 12, 0, 0, DateTimeKind.Utc), MediaType.Image, 999), // before the range
            Post(2, new DateTime(2024, 3, 4, 12, 0, 0, DateTimeKind.Utc), MediaType.Image, 10, 500),   // Monday, week 1
            Post(3, new DateTime(2024, 3, 6, 12, 0, 0, DateTimeKind.Utc), MediaType.Video, 20, 1000),  // week 1
            Post(4, new DateTime(2024, 3, 7, 12, 0, 0, DateTimeKind.Utc), MediaType.Carousel, 30),   // week 1
            Post(5, new DateTime(2024, 3, 20, 12, 0, 0, DateTimeKind.Utc), MediaType.Image, 40),     // week 3; week 2 is empty
        };
        var popularity = Scored(posts, (new DateOnly(2024, 3, 1), 1000), (new DateOnly(2024, 3, 31), 1000));

        var summary = ProfileComparison.Summarise("brand", "instagram", popularity, new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 24));

        Assert.Equal((4, 2, 1, 1), (summary.Posts, summary.Images, summary.Carousels, summary.Videos));
        Assert.Equal([3, 0, 1], summary.WeeklyPosts.Select(w => w.Posts));
        Assert.Equal(new DateOnly(2024, 3, 11), summary.WeeklyPosts[1].WeekStart);
        Assert.Equal(4 / 3.0, summary.PostsPerWeek, 9);
        Assert.Equal(4, summary.Por.N);
        Assert.Equal(0.025, summary.Por.Median, 9);
        Assert.True(summary.Por.MedianLow <= summary.Por.Median && summary.Por.Median <= summary.Por.MedianHigh);
        Assert.Equal(2, summary.Er.N);
        Assert.Equal(0.02, summary.Er.Median, 9);
        Assert.Equal(0, summary.FollowerGrowth!.Value, 9);
    }

    [Fact]
    public void FollowerGrowth_IsThePercentChangeOverTheRange_AndMissingWithoutSnapshots()
    {
        var posts = new List<PostMetrics> { Post(1, new DateTime(2024, 3, 10, 12, 0, 0, DateTimeKind.Utc), MediaType.Image, 10) };

        var growing = ProfileComparison.Summarise("a", "x", Scored(posts, (new DateOnly(2024, 3, 1), 1000), (new DateOnly(2024, 3, 31), 1300)), new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31));
        var none = ProfileComparison.Summarise("b", "x", Scored(posts), new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31));

        Assert.Equal(0.3, growing.FollowerGrowth!.Value, 9);
        Assert.Null(none.FollowerGrowth);
        Assert.Equal(0, none.Por.N);
        Assert.True(double.IsNaN(none.Por.Median));
    }

    private static LabelBreakdown Breakdown(params (string Value, double Lift, double Low, double High)[] rows) =>
        new(TargetMetric.PopularityRate, false, "PoR", 100, new Dictionary<string, double>(), 1000,
            [new CategoryBreakdown("topic", LabelSource.Manual, rows.Select(r => r.Value).ToList(),
                rows.Select(r => new LabelValueStats(r.Value, null, 40, 0.01, 0.009, 0.011, r.Lift, r.Low, r.High, false)).ToList())]);

    [Fact]
    public void LabelLifts_ALabelThatHelpsOnOneAndHurtsOnAnother_IsMarkedOppositeAndListedFirst()
    {
        var instagram = Breakdown(("food", 1.5, 1.2, 1.8), ("travel", 1.1, 0.9, 1.3), ("only-here", 2, 1.5, 2.5));
        var tiktok = Breakdown(("food", 0.6, 0.5, 0.8), ("travel", 1.0, 0.8, 1.2));

        var rows = LabelLiftComparison.Compare([instagram, tiktok]);

        Assert.Equal(["food", "travel"], rows.Select(r => r.Value));
        Assert.True(rows[0].Opposite);
        Assert.False(rows[1].Opposite);
        Assert.True(rows[0].Cells[0]!.Helps);
        Assert.True(rows[0].Cells[1]!.Hurts);
    }

    [Fact]
    public void Definitions_SayInThePlatformsWords_AndWhereARateIsNotAvailable()
    {
        var tiktok = MetricDefinitions.For("tiktok");
        var x = MetricDefinitions.For("x");

        Assert.Equal("(Total likes + Total comments) ÷ followers at publish time", tiktok.Single(d => d.Metric == "PoR").Formula);
        Assert.False(tiktok.Single(d => d.Metric == "ER").Available);
        Assert.Equal("(likes + replies + retweets + Bookmarks) ÷ impressions", x.Single(d => d.Metric == "ER").Formula);
    }
}
