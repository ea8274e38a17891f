using Insights.Analytics.Domain;
using Insights.Analytics.Popularity;

namespace Insights.Analytics.Compare;

/// <summary>Sums up profiles over one shared date range, so their figures can stand side by side. Pure; seeded.</summary>
public static class ProfileComparison
{
    /// <summary>The figures of one profile between <paramref name="start"/> and <paramref name="end"/> (both days included).</summary>
    public static ComparedProfile Summarise(string name, string platform, ProfilePopularity popularity, DateOnly start, DateOnly end, int resamples = 1000, int seed = 42)
    {
        var from = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var until = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        int images = 0, carousels = 0, videos = 0;
        var por = new List<double>();
        var er = new List<double>();
        var firstWeek = WeekStart(start);
        var weeks = new int[(WeekStart(end).DayNumber - firstWeek.DayNumber) / 7 + 1];
        foreach (var post in popularity.Posts)
        {
            if (post.PublishedUtc < from || post.PublishedUtc >= until)
                continue;
            switch (post.MediaType)
            {
                case MediaType.Image: images++; break;
                case MediaType.Carousel: carousels++; break;
                default: videos++; break;
            }
            if (post.PopularityRate is { } p) por.Add(p);
            if (post.EngagementRate is { } e) er.Add(e);
            weeks[(WeekStart(DateOnly.FromDateTime(post.PublishedUtc)).DayNumber - firstWeek.DayNumber) / 7]++;
        }

        double? followersStart = null, followersEnd = null, growth = null;
        var curve = new FollowerCurve(popularity.FollowerSnapshots);
        if (!curve.IsEmpty)
        {
            followersStart = curve.At(from, out _);
            followersEnd = curve.At(end.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), out _);
            growth = followersStart > 0 ? followersEnd / followersStart - 1 : null;
        }

        // One seed per profile and rate, so a profile's interval does not depend on which others are compared.
        var posts = images + carousels + videos;
        var spanWeeks = Math.Max(1.0, (end.DayNumber - start.DayNumber + 1) / 7.0);
        return new ComparedProfile(name, platform, posts, images, carousels, videos, posts / spanWeeks,
            weeks.Select((count, i) => new WeekCount(firstWeek.AddDays(7 * i), count)).ToList(),
            RateSummary.From(por, resamples, new Random(seed)), RateSummary.From(er, resamples, new Random(seed + 1)),
            followersStart, followersEnd, growth);
    }

    /// <summary>The Monday of the week a day is in.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
