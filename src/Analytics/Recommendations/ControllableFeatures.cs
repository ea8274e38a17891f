using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;

namespace Insights.Analytics.Recommendations;

/// <summary>
/// A choice the profile controls, read off one post: null where it does not apply (duration of an image).
/// <paramref name="ModelFeature"/> is the drivers model's feature that carries the choice (the time of day is the
/// model's publish hour, the hashtag bucket its hashtag count).
/// </summary>
public sealed record ControllableFeature(string Name, string Description, Func<EngagementPost, string?> ValueOf, string ModelFeature);

/// <summary>
/// The choices a team makes when it posts: media type, manual labels (format, topic...), what is in the
/// picture (people, text overlay, illustration, custom labels), time of day and weekday in the profile's
/// time zone, number of hashtags, caption length and video duration. Buckets are fixed so that
/// suggestions read as concrete instructions ("use 3–5 hashtags").
/// </summary>
public static class ControllableFeatures
{
    /// <summary>Automatic labels a creator decides on; object classes and safety flags are left out.</summary>
    private static readonly string[] AutomaticChoices = ["people", "text_overlay", "illustration", "animals"];

    public static IReadOnlyList<ControllableFeature> For(IReadOnlyList<EngagementPost> posts, TimeZoneInfo zone)
    {
        var features = new List<ControllableFeature>
        {
            new("media type", "the media type", p => p.MediaType.ToString().ToLowerInvariant(), "media_type"),
            new("time of day", "the time of day it is published", p => TimeBlock(TimeZoneInfo.ConvertTimeFromUtc(p.PublishedUtc, zone).Hour), "publish_hour"),
            new("weekday", "the weekday it is published", p => TimeZoneInfo.ConvertTimeFromUtc(p.PublishedUtc, zone).DayOfWeek.ToString(), "weekday"),
            new("hashtags", "the number of hashtags", p => HashtagBucket(p.Caption.Hashtags), "hashtags"),
            new("caption length", "the caption's length", p => CaptionBucket(p.Caption.Length), "caption_length"),
            new("video duration", "a video's duration", p => p.MediaType == MediaType.Video && p.DurationSeconds is { } d ? DurationBucket(d) : null, "duration_seconds"),
        };
        foreach (var category in posts.SelectMany(p => p.ManualLabels.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            features.Add(new("label: " + category, $"the {category} label", p => p.ManualLabels.GetValueOrDefault(category), category));
        var automatic = posts.SelectMany(p => p.Automatic?.Categories.Keys ?? []).Distinct(StringComparer.Ordinal)
            .Where(k => AutomaticChoices.Contains(k) || k.StartsWith("custom_", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        foreach (var category in automatic)
            features.Add(new(category, $"the picture's {category.Replace('_', ' ')}", p => p.Automatic?.Categories.GetValueOrDefault(category), category));
        return features;
    }

    public static string TimeBlock(int hour)
    {
        var start = hour / 3 * 3;
        return $"{start:00}:00–{(start + 3) % 24:00}:00";
    }

    public static string HashtagBucket(int hashtags) => hashtags switch
    {
        0 => "0",
        <= 2 => "1–2",
        <= 5 => "3–5",
        <= 10 => "6–10",
        _ => "11+",
    };

    public static string CaptionBucket(int length) => length switch
    {
        0 => "none",
        < 50 => "under 50 characters",
        < 150 => "50–149 characters",
        < 300 => "150–299 characters",
        _ => "300+ characters",
    };

    public static string DurationBucket(double seconds) => seconds switch
    {
        < 15 => "under 15 s",
        < 30 => "15–30 s",
        < 60 => "30–60 s",
        < 180 => "1–3 min",
        _ => "3 min+",
    };
}
