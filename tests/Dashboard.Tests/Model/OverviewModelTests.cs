using Insights.Analytics.Domain;
using Insights.Dashboard.Model;
using static Insights.Dashboard.Tests.Model.ScoredProfile;

namespace Insights.Dashboard.Tests.Model;

public class OverviewModelTests
{
    // 1,000 followers on 1 January, +10 a day to 1,300 on 31 January.
    private static readonly (DateOnly, long)[] JanuaryGrowth = [(new DateOnly(2024, 1, 1), 1_000), (new DateOnly(2024, 1, 31), 1_300)];

    private static DashboardFilter Filter(DateOnly? from = null, DateOnly? to = null) => DashboardFilter.Empty with { From = from, To = to };

    [Fact]
    public void Build_CountsThePostsOfEachMediaType_InTheRange()
    {
        var popularity = Score(
        [
            Post(1, Utc(2024, 1, 2), MediaType.Image), Post(2, Utc(2024, 1, 3), MediaType.Video),
            Post(3, Utc(2024, 1, 4), MediaType.Carousel), Post(4, Utc(2024, 1, 5), MediaType.Image),
            Post(5, Utc(2024, 1, 20), MediaType.Video),
        ], JanuaryGrowth);

        var all = OverviewModel.Build(popularity, Filter());
        var firstWeek = OverviewModel.Build(popularity, Filter(new DateOnly(2024, 1, 3), new DateOnly(2024, 1, 5)));

        Assert.Equal((5, 2, 2, 1), (all.Posts, all.Images, all.Videos, all.Carousels));
        Assert.Equal((3, 1, 1, 1), (firstWeek.Posts, firstWeek.Images, firstWeek.Videos, firstWeek.Carousels));
    }

    [Fact]
    public void Build_MedianPor_CoversPostsWithFollowers_AndMedianEr_OnlyPostsWithImpressions()
    {
        // Followers at noon on 11 January: 1,000 + 10 x 10.5 = 1,105.
        var noon = Utc(2024, 1, 11);
        var popularity = Score(
        [
            Post(1, noon, likes: 100, comments: 10, impressions: 1_000),
            Post(2, noon, likes: 200, comments: 21, impressions: 2_000, shares: 9, saves: 10),
            Post(3, noon, likes: 400, comments: 42),
        ], JanuaryGrowth);

        var model = OverviewModel.Build(popularity, Filter());

        Assert.Equal(3, model.PorCount);
        Assert.Equal(221 / 1_105.0, model.MedianPor, 12);
        Assert.Equal(2, model.ErCount);
        Assert.Equal((110 / 1_000.0 + 240 / 2_000.0) / 2, model.MedianEr, 12);
    }

    [Fact]
    public void Build_FollowerGrowth_RunsFromTheRangesFirstDayToItsLast()
    {
        var popularity = Score([Post(1, Utc(2024, 1, 15))], JanuaryGrowth);

        var model = OverviewModel.Build(popularity, Filter(new DateOnly(2024, 1, 11), new DateOnly(2024, 1, 21)));

        Assert.Equal(1_100, model.FollowersStart!.Value, 9);
        Assert.Equal(1_200, model.FollowersEnd!.Value, 9);
        Assert.Equal(1_200 / 1_100.0 - 1, model.FollowerGrowth!.Value, 12);
        Assert.Empty(model.Snapshots);
        Assert.Equal(new DateOnly(2024, 1, 11), model.FollowerCurve[0].Date);
        Assert.Equal(1_100, model.FollowerCurve[0].Followers, 9);
        Assert.Equal(new DateOnly(2024, 1, 21), model.FollowerCurve[^1].Date);
    }

    [Fact]
    public void Build_WithoutARange_TakesGrowthFromTheFirstPostToTheLast()
    {
        var popularity = Score([Post(1, Utc(2024, 1, 6, 23)), Post(2, Utc(2024, 1, 26, 1))], JanuaryGrowth);

        var model = OverviewModel.Build(popularity, Filter());

        Assert.Equal(1_050, model.FollowersStart!.Value, 9);
        Assert.Equal(1_250, model.FollowersEnd!.Value, 9);
        Assert.Equal(2, model.Snapshots.Count);
    }

    [Fact]
    public void Build_WithoutSnapshots_HasNoRateAndNoGrowth()
    {
        var popularity = Score([Post(1, Utc(2024, 1, 2), impressions: 500), Post(2, Utc(2024, 1, 3))], []);

        var model = OverviewModel.Build(popularity, Filter());

        Assert.Equal(0, model.PorCount);
        Assert.True(double.IsNaN(model.MedianPor));
        Assert.Equal(1, model.ErCount);
        Assert.Null(model.FollowersStart);
        Assert.Null(model.FollowerGrowth);
        Assert.Empty(model.FollowerCurve);
    }

    [Fact]
    public void PostsPerWeek_GroupsByWeeksStartingOnMonday()
    {
        var popularity = Score(
        [
            Post(1, Utc(2024, 1, 7, 23, 59), MediaType.Image),      // Sunday: the week of Monday 1 January
            Post(2, Utc(2024, 1, 8, 0, 1), MediaType.Image),        // Monday 8 January
            Post(3, Utc(2024, 1, 10), MediaType.Video),
            Post(4, Utc(2024, 1, 14, 22), MediaType.Carousel),      // Sunday, same week
            Post(5, Utc(2024, 1, 29), MediaType.Video),             // a week with no posts in between is left out
        ], JanuaryGrowth);

        var weeks = OverviewModel.Build(popularity, Filter()).PostsPerWeek;

        Assert.Equal(
        [
            (new DateOnly(2024, 1, 1), 1, 0, 0),
            (new DateOnly(2024, 1, 8), 1, 1, 1),
            (new DateOnly(2024, 1, 29), 0, 1, 0),
        ], weeks);
    }

    [Theory]
    [InlineData("2024-01-01T00:00:00", "2024-01-01")]   // a Monday
    [InlineData("2024-01-07T23:59:59", "2024-01-01")]   // the Sunday after
    [InlineData("2024-03-01T12:00:00", "2024-02-26")]   // across a month, leap year
    [InlineData("2025-01-01T08:00:00", "2024-12-30")]   // across a year
    public void WeekStart_IsTheMondayOnOrBefore(string utc, string monday)
    {
        var time = DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), OverviewModel.WeekStart(time));
    }
}
