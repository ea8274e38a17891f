using System.Globalization;
using Insights.Analytics.Domain;
using Insights.Analytics.Statistics;

namespace Insights.Analytics.Engagement;

/// <summary>Where a label category comes from.</summary>
public enum LabelSource
{
    Post = 0,
    Caption = 1,
    Manual = 2,
    Automatic = 3,
}

/// <summary>A label category with each post's (bucketed) value.</summary>
public sealed record LabelColumn(string Category, LabelSource Source, IReadOnlyList<string> Values, string[] PerPost);

/// <summary>
/// Turns posts into label categories for the by-label tables: media type, weekday and weekend, hour
/// bucket (on the profile's clock, <see cref="EngagementPost.PublishedClock"/>), caption features in buckets,
/// manual labels, automatic categorical labels, and automatic numbers in terciles. High-cardinality
/// categories keep their top values; the rest is "other".
/// </summary>
public static class LabelCategories
{
    public static IReadOnlyList<LabelColumn> Build(IReadOnlyList<EngagementPost> posts, EngagementOptions options)
    {
        var columns = new List<LabelColumn>
        {
            Fixed("media_type", LabelSource.Post, posts, p => MediaTypeNames[(int)p.MediaType], ["image", "carousel", "video"]),
            Fixed("weekday", LabelSource.Post, posts, p => Weekday(p.PublishedClock), [.. Weekdays]),
            Fixed("day_type", LabelSource.Post, posts, p => IsWeekend(p.PublishedClock) ? "weekend" : "weekday", ["weekday", "weekend"]),
            Fixed("hour_bucket", LabelSource.Post, posts, p => HourBucket(p.PublishedClock.Hour), ["00-05", "06-11", "12-17", "18-23"]),
            Fixed("hashtags", LabelSource.Caption, posts, p => Bucket(p.Caption.Hashtags, [1, 4, 8], ["0", "1-3", "4-7", "8+"]), ["0", "1-3", "4-7", "8+"]),
            Fixed("mentions", LabelSource.Caption, posts, p => Bucket(p.Caption.Mentions, [1, 2], ["0", "1", "2+"]), ["0", "1", "2+"]),
            Fixed("emoji", LabelSource.Caption, posts, p => Bucket(p.Caption.Emoji, [1, 2], ["0", "1", "2+"]), ["0", "1", "2+"]),
            Terciles("caption_length", LabelSource.Caption, posts.Select(p => (double?)p.Caption.Length).ToArray()),
        };
        // Each post's label dictionaries gathered once: a million posts are a million scattered objects, and a column
        // read through them would visit every one again.
        var manual = new IReadOnlyDictionary<string, string>[posts.Count];
        var automatic = new AutomaticLabels?[posts.Count];
        for (var i = 0; i < posts.Count; i++)
        {
            manual[i] = posts[i].ManualLabels;
            automatic[i] = posts[i].Automatic;
        }
        foreach (var category in manual.SelectMany(m => m.Keys).Distinct().Order(StringComparer.Ordinal))
            columns.Add(Top(category, LabelSource.Manual, Array.ConvertAll(manual, m => m.GetValueOrDefault(category)), options));
        foreach (var category in automatic.SelectMany(a => a?.Categories.Keys ?? []).Distinct().Order(StringComparer.Ordinal))
            columns.Add(Top(category, LabelSource.Automatic, Array.ConvertAll(automatic, a => a?.Categories.GetValueOrDefault(category)), options));
        foreach (var name in automatic.SelectMany(a => a?.Numbers.Keys ?? []).Distinct().Order(StringComparer.Ordinal))
            columns.Add(Terciles(name, LabelSource.Automatic, Array.ConvertAll(automatic, a => a?.Numbers.TryGetValue(name, out var v) == true ? v : (double?)null)));
        return columns;
    }

    // the enum's names in lower case, indexed by value (one string per type, not one per post)
    private static readonly string[] MediaTypeNames = Enum.GetValues<MediaType>().OrderBy(t => (int)t)
        .Select(t => t.ToString().ToLowerInvariant()).ToArray();

    public static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static string Weekday(DateTime clock) => Weekdays[((int)clock.DayOfWeek + 6) % 7];

    public static bool IsWeekend(DateTime clock) => clock.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static string HourBucket(int hour) => hour switch { < 6 => "00-05", < 12 => "06-11", < 18 => "12-17", _ => "18-23" };

    private static string Bucket(int value, int[] lowerBounds, string[] names)
    {
        var i = 0;
        while (i < lowerBounds.Length && value >= lowerBounds[i]) i++;
        return names[i];
    }

    private static LabelColumn Fixed(string name, LabelSource source, IReadOnlyList<EngagementPost> posts, Func<EngagementPost, string> value, string[] order)
    {
        var perPost = new string[posts.Count];
        for (var i = 0; i < perPost.Length; i++)
            perPost[i] = value(posts[i]);
        var present = Present(perPost);
        return new LabelColumn(name, source, order.Where(present.Contains).ToList(), perPost);
    }

    private static LabelColumn Top(string name, LabelSource source, string?[] raw, EngagementOptions options)
    {
        var top = TopValues.Fit(raw, options.MaxValuesPerCategory, options.MinPostsPerValue);
        return new LabelColumn(name, source, top.Values, raw.Select(top.Map).ToArray());
    }

    private static LabelColumn Terciles(string name, LabelSource source, double?[] raw)
    {
        var sorted = raw.Where(v => v is { } d && double.IsFinite(d)).Select(v => v!.Value).ToArray();
        Array.Sort(sorted);
        var t1 = Quantiles.OfSorted(sorted, 1 / 3.0);
        var t2 = Quantiles.OfSorted(sorted, 2 / 3.0);
        var inv = CultureInfo.InvariantCulture;
        string low = $"low (<{t1.ToString("G3", inv)})", mid = $"mid ({t1.ToString("G3", inv)}-{t2.ToString("G3", inv)})", high = $"high (>={t2.ToString("G3", inv)})";
        var perPost = raw.Select(v => v is not { } d || !double.IsFinite(d) ? TopValues.None : d < t1 ? low : d < t2 ? mid : high).ToArray();
        var present = Present(perPost);
        return new LabelColumn(name, source, new[] { low, mid, high, TopValues.None }.Where(present.Contains).ToList(), perPost);
    }

    // The distinct values of a column. Its posts share a handful of string instances, so they are told apart by
    // reference first (cheap at a million posts), then compared by value.
    private static HashSet<string> Present(string[] perPost)
    {
        var instances = new HashSet<string>(ReferenceEqualityComparer.Instance);
        foreach (var value in perPost)
            instances.Add(value);
        return instances.ToHashSet(StringComparer.Ordinal);
    }
}
