using Insights.Analytics.Domain;
using Insights.Analytics.Popularity;
using Insights.Analytics.Statistics;

namespace Insights.Dashboard.Model;

/// <summary>The figures of the Overview page for one profile and range.</summary>
public sealed record OverviewModel(
    int Posts, int Images, int Videos, int Carousels,
    double MedianPor, int PorCount,
    double MedianEr, int ErCount,
    double? FollowersStart, double? FollowersEnd,
    IReadOnlyList<(DateOnly Date, double Followers)> FollowerCurve,
    IReadOnlyList<(DateOnly Date, long Followers)> Snapshots,
    IReadOnlyList<(DateOnly WeekStart, int Images, int Videos, int Carousels)> PostsPerWeek)
{
    public double? FollowerGrowth => FollowersStart > 0 && FollowersEnd is { } end ? end / FollowersStart.Value - 1 : null;

    public static OverviewModel Build(ProfilePopularity popularity, DashboardFilter filter)
    {
        var posts = popularity.Posts.Where(p => filter.Contains(p.PublishedUtc)).ToList();
        var por = posts.Where(p => p.PopularityRate is not null).Select(p => p.PopularityRate!.Value).ToList();
        var er = posts.Where(p => p.EngagementRate is not null).Select(p => p.EngagementRate!.Value).ToList();

        var curve = new FollowerCurve(popularity.FollowerSnapshots);
        var snapshots = popularity.FollowerSnapshots.Where(s => filter.Range.Contains(s.Date.ToDateTime(TimeOnly.MinValue))).ToList();
        DateOnly? start = filter.From ?? (posts.Count > 0 ? DateOnly.FromDateTime(posts[0].PublishedUtc) : popularity.FollowerSnapshots.FirstOrDefault().Date);
        DateOnly? end = filter.To ?? (posts.Count > 0 ? DateOnly.FromDateTime(posts[^1].PublishedUtc) : popularity.FollowerSnapshots.LastOrDefault().Date);
        var points = new List<(DateOnly, double)>();
        double? followersStart = null, followersEnd = null;
        if (!curve.IsEmpty && start is { } s && end is { } e && e >= s)
        {
            var step = Math.Max(1, (e.DayNumber - s.DayNumber) / 300);
            for (var day = s; day <= e; day = day.AddDays(step))
                points.Add((day, curve.At(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), out _)));
            followersStart = curve.At(s.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), out _);
            followersEnd = curve.At(e.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), out _);
        }

        var weeks = posts.GroupBy(p => WeekStart(p.PublishedUtc))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Count(p => p.MediaType == MediaType.Image), g.Count(p => p.MediaType == MediaType.Video), g.Count(p => p.MediaType == MediaType.Carousel)))
            .ToList();

        return new OverviewModel(
            posts.Count, posts.Count(p => p.MediaType == MediaType.Image), posts.Count(p => p.MediaType == MediaType.Video), posts.Count(p => p.MediaType == MediaType.Carousel),
            Descriptive.Median(por), por.Count, Descriptive.Median(er), er.Count,
            followersStart, followersEnd, points, snapshots, weeks);
    }

    public static DateOnly WeekStart(DateTime utc)
    {
        var day = DateOnly.FromDateTime(utc);
        var offset = ((int)day.DayOfWeek + 6) % 7;
        return day.AddDays(-offset);
    }
}
