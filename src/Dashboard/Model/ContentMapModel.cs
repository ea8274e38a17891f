using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Analytics.Statistics;
using Insights.Dashboard.Drivers;

namespace Insights.Dashboard.Model;

/// <summary>One post on the content map with what the page colours and previews it by.</summary>
public sealed record MapPost(long PostId, string PlatformPostId, double X, double Y, double? Rate, int? Class, string MediaType, DateTime PublishedUtc, string? ThumbnailUrl, string Caption);

/// <summary>What a lasso or box selection holds: n, its median rate with a bootstrap interval, and the profile's median.</summary>
public sealed record MapSelection(int Posts, int WithRate, double Median, double Low, double High, double ProfileMedian)
{
    public double Lift => ProfileMedian > 0 ? Median / ProfileMedian : double.NaN;
}

/// <summary>The content map of a profile joined with the posts' scores; one rate for every post (ER when most posts have it, else PoR).</summary>
public sealed record ContentMapModel(ContentMapFigure Map, IReadOnlyList<MapPost> Posts, bool EngagementRate, int Classes, double ProfileMedian)
{
    public string RateName => EngagementRate ? "ER" : "PoR";

    public string RateDefinition => EngagementRate
        ? "ER = (likes + comments + shares + saves) ÷ impressions"
        : "PoR = (likes + comments) ÷ followers at publish time";

    public static ContentMapModel Build(ContentMapFigure map, ProfilePopularity scores, IReadOnlyDictionary<long, PostDetails> details)
    {
        var byId = scores.Posts.ToDictionary(p => p.PostId);
        var er = scores.Posts.Count > 0 && scores.Posts.Count(p => p.EngagementRate > 0) >= 0.8 * scores.Posts.Count;
        var posts = new List<MapPost>(map.Points.Count);
        foreach (var point in map.Points)
        {
            if (!byId.TryGetValue(point.PostId, out var s))
                continue;
            var d = details.GetValueOrDefault(point.PostId);
            var thumbnail = d?.CoverSha256 is { } sha && d.CoverContentType?.StartsWith("image/", StringComparison.Ordinal) == true ? $"/media/{sha}" : null;
            posts.Add(new MapPost(point.PostId, s.PlatformPostId, point.X, point.Y, er ? s.EngagementRate : s.PopularityRate, s.Class,
                s.MediaType.ToString().ToLowerInvariant(), s.PublishedUtc, thumbnail, d?.Caption ?? ""));
        }
        var rates = posts.Where(p => p.Rate is > 0).Select(p => p.Rate!.Value).ToList();
        return new ContentMapModel(map, posts, er, scores.Settings.Classes, rates.Count > 0 ? Descriptive.Median(rates) : double.NaN);
    }

    /// <summary>Summary of the selected posts; the interval is a seeded bootstrap of the median.</summary>
    public MapSelection Select(IEnumerable<MapPost> selected, int resamples = 1000, int seed = 42)
    {
        var list = selected.ToList();
        var sorted = list.Where(p => p.Rate is > 0).Select(p => p.Rate!.Value).Order().ToList();
        if (sorted.Count == 0)
            return new MapSelection(list.Count, 0, double.NaN, double.NaN, double.NaN, ProfileMedian);
        var (low, high) = Bootstrap.MedianInterval(sorted, resamples, new Random(seed));
        return new MapSelection(list.Count, sorted.Count, Descriptive.Median(sorted), low, high, ProfileMedian);
    }
}
