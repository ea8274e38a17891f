using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Timing;

namespace Insights.Analytics.Tests.Timing;

public class PostingTimesTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static EngagementPost Post(long id, DateTime utc, double rate) =>
        new(id, utc, MediaType.Image, null, CaptionFeatures.Extract(null), new Dictionary<string, string>(), null, rate, null);

    /// <summary>Posts at random local hours over two years; those on Tuesday 18:00–21:00 Berlin time do twice as well.</summary>
    private static List<EngagementPost> Planted(int count, int seed)
    {
        var random = new Random(seed);
        var posts = new List<EngagementPost>();
        var start = new DateTime(2023, 1, 2, 0, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < count; i++)
        {
            // Half of the posts on Tuesday evenings, so that slot has many; the rest anywhere.
            var local = i % 2 == 0
                ? start.AddDays(7 * random.Next(100) + 1).AddHours(18 + random.NextDouble() * 3)
                : start.AddDays(random.Next(700)).AddHours(random.NextDouble() * 24);
            if (Berlin.IsInvalidTime(local))
                local = local.AddHours(1);
            var tuesdayEvening = local.DayOfWeek == DayOfWeek.Tuesday && local.Hour is >= 18 and < 21;
            var rate = 0.02 * Math.Exp(0.3 * Normal(random)) * (tuesdayEvening ? 2 : 1);
            posts.Add(Post(i, TimeZoneInfo.ConvertTimeToUtc(local, Berlin), rate));
        }
        return posts;
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void PlantedSlot_IsTheBest_WithAnIntervalAboveOne()
    {
        var result = PostingTimes.Compute(Planted(1200, 7), Berlin, new EngagementOptions { Detrend = false, BootstrapResamples = 300 }, minPosts: 10);

        var best = result.Best[0];
        Assert.Equal((DayOfWeek.Tuesday, 18, 21), (best.Day, best.FromHour, best.ToHour));
        // Half the posts are in the planted slot, so the profile's median is itself raised: the lift is about 2 / 1.4.
        Assert.True(best.LiftLow > 1.2, $"lower bound {best.LiftLow}");
        Assert.All(result.Best.Skip(1), s => Assert.True(s.LiftLow < best.LiftLow));
        Assert.Equal(7 * 24, result.Cells.Count);
        Assert.Equal(1200, result.Cells.Sum(c => c.N));
    }

    [Fact]
    public void Hours_AreReadInTheTimeZone_AndFewPostCellsAreSparse()
    {
        // 17:30 UTC on Tuesday 9 January 2024 is 18:30 in Berlin (UTC+1 in winter).
        var posts = Enumerable.Range(0, 12).Select(i => Post(i, new DateTime(2024, 1, 9, 17, 30, 0, DateTimeKind.Utc).AddDays(7 * i), 0.02))
            .Append(Post(99, new DateTime(2024, 1, 10, 8, 0, 0, DateTimeKind.Utc), 0.01))
            .ToList();

        var result = PostingTimes.Compute(posts, Berlin, new EngagementOptions { Detrend = false, BootstrapResamples = 100 }, minPosts: 10);

        var tuesday = result.Cells.Single(c => c.Day == DayOfWeek.Tuesday && c.Hour == 18);
        Assert.Equal((12, false), (tuesday.N, tuesday.Sparse));
        var wednesday = result.Cells.Single(c => c.Day == DayOfWeek.Wednesday && c.Hour == 9);
        Assert.Equal((1, true), (wednesday.N, wednesday.Sparse));
        Assert.DoesNotContain(result.Best, s => s.Day == DayOfWeek.Wednesday);
        Assert.Equal("Europe/Berlin", result.TimeZone);
    }
}
