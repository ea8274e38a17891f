using Insights.Analytics.Engagement;
using Insights.Analytics.Statistics;

namespace Insights.Analytics.Recommendations;

/// <summary>
/// Ranks the profile's controllable choices by the lower bound of their lift among its past posts (the
/// median of the posts that made the choice ÷ the median of those that chose otherwise). The
/// rate is the Labels page's (PoR or ER, detrended by the rolling median, so follower growth does not
/// favour recent habits). Every interval is widened for the number of choices tested, so with dozens of
/// choices a lucky one is not suggested; one suggestion (the best value) per feature. Pure; seeded.
/// </summary>
public static class Recommender
{
    public static RecommendationResult Compute(IReadOnlyList<EngagementPost> posts, TimeZoneInfo zone, EngagementOptions engagement, RecommendationOptions options)
    {
        var target = EngagementTarget.Compute(posts, engagement);
        var present = Enumerable.Range(0, posts.Count).Where(i => !double.IsNaN(target.Values[i])).ToArray();
        var candidates = new List<(ControllableFeature Feature, string Value, int[] Posts, double[] With, double[] Without)>();
        foreach (var feature in ControllableFeatures.For(posts, zone))
        {
            var values = present.Select(i => (Index: i, Value: feature.ValueOf(posts[i]))).Where(v => v.Value is not null).ToList();
            var groups = values.GroupBy(v => v.Value!, StringComparer.Ordinal).Where(g => g.Count() >= options.MinPosts).ToList();
            // A choice needs an alternative with enough posts to be compared with.
            if (groups.Count < 2)
                continue;
            foreach (var group in groups)
            {
                var with = group.Select(v => target.Values[v.Index]).Order().ToArray();
                var without = values.Where(v => !string.Equals(v.Value, group.Key, StringComparison.Ordinal)).Select(v => target.Values[v.Index]).Order().ToArray();
                candidates.Add((feature, group.Key, group.Select(v => v.Index).ToArray(), with, without));
            }
        }

        var level = 1 - (1 - options.Level) / Math.Max(1, candidates.Count);
        // Enough resamples that the interval's tail quantile rests on about ten draws (page and API compute it on request).
        var resamples = (int)Math.Clamp(20 / (1 - level), engagement.BootstrapResamples, 20_000);
        var random = new Random(engagement.Seed);
        var scored = candidates.Select(c =>
        {
            var (lift, low, high) = MedianRatio.Interval(c.With, c.Without, resamples, level, random);
            var best = c.Posts.OrderByDescending(i => target.Values[i]).Take(options.Examples).Select(i => posts[i].PostId).ToList();
            var worst = c.Posts.OrderBy(i => target.Values[i]).Take(options.Examples).Select(i => posts[i].PostId).ToList();
            return (c.Feature, Item: new Recommendation(c.Feature.Name, c.Value, "", lift, low, high, c.With.Length, best), Worst: worst);
        }).ToList();

        var suggestions = scored.Where(s => s.Item.Low > 1).GroupBy(s => s.Feature.Name)
            .Select(g => g.MaxBy(s => s.Item.Low)).OrderByDescending(s => s.Item.Low).Take(options.MaxItems)
            .Select(s => s.Item with { Advice = Advice(s.Item, avoid: false) }).ToList();
        var avoid = scored.Where(s => s.Item.High < 1).GroupBy(s => s.Feature.Name)
            .Select(g => g.MinBy(s => s.Item.High)).OrderBy(s => s.Item.High).Take(options.MaxItems)
            .Select(s => s.Item with { Advice = Advice(s.Item, avoid: true), Examples = s.Worst }).ToList();
        return new RecommendationResult(target.Describe(), present.Length, candidates.Count, level, options.MinPosts, suggestions, avoid);
    }

    /// <summary>The choice in plain words, as an instruction.</summary>
    public static string Advice(Recommendation item, bool avoid)
    {
        var value = item.Value;
        return item.Feature switch
        {
            "media type" => avoid ? $"Post fewer {value}s" : $"Post {Article(value)} {value}",
            "time of day" => avoid ? $"Avoid publishing between {value}" : $"Publish between {value}",
            "weekday" => avoid ? $"Avoid publishing on {value}" : $"Publish on {value}",
            "hashtags" => avoid ? $"Avoid using {value} hashtags" : $"Use {value} hashtags",
            "caption length" => value == "none" ? (avoid ? "Avoid posting without a caption" : "Post without a caption") : (avoid ? $"Avoid captions of {value}" : $"Write captions of {value}"),
            "video duration" => avoid ? $"Avoid videos of {value}" : $"Keep videos {value}",
            _ when item.Feature.StartsWith("label: ", StringComparison.Ordinal) => $"{(avoid ? "Avoid" : "Choose")} {item.Feature[7..]} '{value}'",
            _ => $"{(avoid ? "Avoid pictures" : "Pictures")} with {item.Feature.Replace('_', ' ')} = {value}",
        };
    }

    private static string Article(string word) => "aeiou".Contains(word[0]) ? "an" : "a";
}
