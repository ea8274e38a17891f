using System.Text.RegularExpressions;
using Insights.Analytics.Statistics;

namespace Insights.Analytics.Hashtags;

/// <summary>A hashtag or mention as a label: posts with it, and the lift of their median over the posts without it.</summary>
public sealed record TagLift(string Tag, int N, double Lift, double Low, double High);

/// <summary>Two tags used on the same posts: how often, and the lift of those posts over the rest (NaN under the minimum).</summary>
public sealed record TagPair(string First, string Second, int N, double Lift, double Low, double High);

/// <summary>Every tag with enough posts, the top and bottom ones by their interval, and the pairs used together most.</summary>
public sealed record HashtagReport(int Posts, int MinPosts, IReadOnlyList<TagLift> All, IReadOnlyList<TagLift> Top, IReadOnlyList<TagLift> Bottom, IReadOnlyList<TagPair> Pairs);

/// <summary>Hashtags (#tag) and mentions (@name) of captions as labels. Pure; seeded.</summary>
public static partial class HashtagLifts
{
    /// <summary>The distinct hashtags and mentions of a caption, lower-cased, with their sign.</summary>
    public static IReadOnlyList<string> Extract(string? caption) =>
        caption is null ? [] : Tags().Matches(caption).Select(m => m.Value.TrimEnd('.').ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();

    /// <param name="posts">Each post's caption and its rate (NaN where unknown).</param>
    public static HashtagReport Compute(IReadOnlyList<(string? Caption, double Rate)> posts, HashtagOptions options, int resamples = 1000, double level = 0.95, int seed = 42, int maxPairs = 20)
    {
        var known = posts.Where(p => double.IsFinite(p.Rate)).Select(p => (Tags: Extract(p.Caption), p.Rate)).ToList();
        var byTag = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < known.Count; i++)
        {
            foreach (var tag in known[i].Tags)
            {
                if (!byTag.TryGetValue(tag, out var list))
                    byTag[tag] = list = [];
                list.Add(i);
            }
        }
        var random = new Random(seed);
        var frequent = byTag.Where(t => t.Value.Count >= options.MinPosts && t.Value.Count < known.Count).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var all = frequent.Select(t =>
        {
            var (lift, low, high) = Lift(known, t.Value, resamples, level, random);
            return new TagLift(t.Key, t.Value.Count, lift, low, high);
        }).ToList();

        var pairs = new Dictionary<(string, string), List<int>>();
        var frequentTags = frequent.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < known.Count; i++)
        {
            var tags = known[i].Tags.Where(frequentTags.Contains).Order(StringComparer.Ordinal).ToList();
            for (var a = 0; a < tags.Count; a++)
            {
                for (var b = a + 1; b < tags.Count; b++)
                {
                    if (!pairs.TryGetValue((tags[a], tags[b]), out var list))
                        pairs[(tags[a], tags[b])] = list = [];
                    list.Add(i);
                }
            }
        }
        var topPairs = pairs.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal).Take(maxPairs)
            .Select(p =>
            {
                if (p.Value.Count < options.MinPosts || p.Value.Count == known.Count)
                    return new TagPair(p.Key.Item1, p.Key.Item2, p.Value.Count, double.NaN, double.NaN, double.NaN);
                var (lift, low, high) = Lift(known, p.Value, resamples, level, random);
                return new TagPair(p.Key.Item1, p.Key.Item2, p.Value.Count, lift, low, high);
            }).ToList();

        // Ranked by the interval's near end: a tag on 300 posts at × 1.2 before one on 12 at × 2.
        return new HashtagReport(known.Count, options.MinPosts, all,
            all.OrderByDescending(t => t.Low).Take(options.ListSize).ToList(),
            all.OrderBy(t => t.High).Take(options.ListSize).ToList(),
            topPairs);
    }

    private static (double Lift, double Low, double High) Lift(List<(IReadOnlyList<string> Tags, double Rate)> known, List<int> with, int resamples, double level, Random random)
    {
        var inside = new HashSet<int>(with);
        var withRates = with.Select(i => known[i].Rate).Order().ToArray();
        var withoutRates = Enumerable.Range(0, known.Count).Where(i => !inside.Contains(i)).Select(i => known[i].Rate).Order().ToArray();
        return MedianRatio.Interval(withRates, withoutRates, resamples, level, random);
    }

    [GeneratedRegex(@"(?<![\w@#])[#@][\p{L}\p{N}_][\p{L}\p{N}_.]*")]
    private static partial Regex Tags();
}
