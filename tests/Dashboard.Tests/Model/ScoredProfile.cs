using Insights.Analytics.Domain;
using Insights.Analytics.Popularity;

namespace Insights.Dashboard.Tests.Model;

/// <summary>Builds a scored profile in memory through the real scoring, for the page models.</summary>
internal static class ScoredProfile
{
    public static readonly ClassSettings ThreeClasses = new(3, 8, 12);

    public static PostMetrics Post(int id, DateTime publishedUtc, MediaType type = MediaType.Image, long likes = 100, long comments = 10, long? impressions = null, long? shares = null, long? saves = null) =>
        new(id, $"p{id}", publishedUtc, type, likes, comments, shares, saves, impressions, null);

    public static ProfilePopularity Score(IEnumerable<PostMetrics> posts, IEnumerable<(DateOnly Date, long Followers)> snapshots, ClassSettings? settings = null)
    {
        var ordered = posts.OrderBy(p => p.PublishedUtc).ToList();
        var snapshotList = snapshots.OrderBy(s => s.Date).ToList();
        return PopularityService.Score(1, ordered, new FollowerCurve(snapshotList), settings ?? ThreeClasses, snapshotList);
    }

    public static DateTime Utc(int year, int month, int day, int hour = 12, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
