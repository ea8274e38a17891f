using Insights.Analytics.Domain;

namespace Insights.Analytics.Ingestion.Platforms;

/// <summary>
/// The platforms a profile can be on, and how each one's post export names our metrics. One set of
/// metrics comes out whatever the platform: a platform without an equivalent leaves the metric missing.
/// </summary>
public static class PlatformCatalog
{
    public static readonly PlatformDialect Instagram = new("instagram", "Instagram",
        new Dictionary<string, string[]>
        {
            ["post_id"] = ["Post ID"],
            ["published_at"] = ["Publish time"],
            ["media_type"] = ["Post type"],
            ["caption"] = ["Description"],
            ["permalink"] = ["Permalink"],
            ["likes"] = ["Likes"],
            ["comments"] = ["Comments"],
            ["shares"] = ["Shares"],
            ["saves"] = ["Saves"],
            ["impressions"] = ["Views", "Impressions"],
            ["reach"] = ["Reach"],
            ["video_views"] = ["Plays"],
            ["duration_sec"] = ["Duration (sec)"],
            ["followers_gained"] = ["Follows"],
        },
        ["Account username", "Account name", "Account ID", "Plays"]);

    public static readonly PlatformDialect Facebook = new("facebook", "Facebook",
        new Dictionary<string, string[]>
        {
            ["post_id"] = ["Post ID"],
            ["published_at"] = ["Publish time"],
            ["media_type"] = ["Post type"],
            ["caption"] = ["Description", "Title"],
            ["permalink"] = ["Permalink"],
            ["likes"] = ["Reactions"],
            ["comments"] = ["Comments"],
            ["shares"] = ["Shares"],
            ["impressions"] = ["Views", "Impressions"],
            ["reach"] = ["Reach"],
            ["video_views"] = ["3-second video views"],
            ["duration_sec"] = ["Duration (sec)"],
            ["watch_time_sec"] = ["Seconds viewed"],
            ["avg_view_sec"] = ["Average Seconds viewed"],
        },
        ["Page ID", "Page name", "Reactions", "3-second video views", "Average Seconds viewed", "Seconds viewed", "Total clicks"]);

    public static readonly PlatformDialect TikTok = new("tiktok", "TikTok",
        new Dictionary<string, string[]>
        {
            ["post_id"] = ["Video ID"],
            ["published_at"] = ["Post time", "Posted on"],
            ["caption"] = ["Video title", "Video description"],
            ["permalink"] = ["Video link"],
            ["likes"] = ["Total likes", "Likes"],
            ["comments"] = ["Total comments", "Comments"],
            ["shares"] = ["Total shares", "Shares"],
            ["saves"] = ["Add to Favorites", "Favorites", "Favourites"],
            ["reach"] = ["Reached audience"],
            ["video_views"] = ["Total views", "Video views", "Views"],
            ["duration_sec"] = ["Duration", "Video duration"],
            ["watch_time_sec"] = ["Total play time", "Total time watched"],
            ["avg_view_sec"] = ["Average watch time", "Average time watched"],
            ["followers_gained"] = ["New followers"],
        },
        ["Add to Favorites", "Total play time", "Total time watched", "Average watch time", "Average time watched", "Reached audience", "Watched full video", "Video link"],
        MediaType.Video);

    public static readonly PlatformDialect YouTube = new("youtube", "YouTube",
        new Dictionary<string, string[]>
        {
            ["post_id"] = ["Content", "Video ID"],
            ["published_at"] = ["Video publish time", "Publish time"],
            ["caption"] = ["Video title"],
            ["permalink"] = ["Video URL", "Link"],
            ["likes"] = ["Likes"],
            ["comments"] = ["Comments added", "Comments"],
            ["shares"] = ["Shares"],
            ["impressions"] = ["Impressions"],
            ["video_views"] = ["Views"],
            ["duration_sec"] = ["Duration"],
            ["watch_time_hours"] = ["Watch time (hours)"],
            ["avg_view_sec"] = ["Average view duration"],
            ["avg_viewed_pct"] = ["Average percentage viewed (%)"],
            ["followers_gained"] = ["Subscribers gained", "Subscribers"],
        },
        ["Video publish time", "Watch time (hours)", "Average view duration", "Average percentage viewed (%)", "Subscribers", "Subscribers gained", "Impressions click-through rate (%)", "Video title"],
        MediaType.Video);

    public static readonly PlatformDialect LinkedIn = new("linkedin", "LinkedIn",
        new Dictionary<string, string[]>
        {
            ["published_at"] = ["Created date"],
            // LinkedIn's "Post type" says organic or sponsored; the format is in "Content Type".
            ["media_type"] = ["Content Type"],
            ["caption"] = ["Post title"],
            ["permalink"] = ["Post link"],
            ["likes"] = ["Likes", "Reactions"],
            ["comments"] = ["Comments"],
            ["shares"] = ["Reposts"],
            ["impressions"] = ["Impressions"],
            ["video_views"] = ["Views (excluding off-site video views)"],
            ["followers_gained"] = ["Follows"],
        },
        ["Click through rate (CTR)", "Campaign name", "Posted by", "Created date", "Views (excluding off-site video views)", "Off-site views", "Post title"]);

    public static readonly PlatformDialect X = new("x", "X (Twitter)",
        new Dictionary<string, string[]>
        {
            ["post_id"] = ["Tweet id", "Post id"],
            ["published_at"] = ["time", "Date"],
            ["caption"] = ["Tweet text", "Post text"],
            ["permalink"] = ["Tweet permalink", "Post Link"],
            ["likes"] = ["likes"],
            ["comments"] = ["replies"],
            ["shares"] = ["retweets", "Reposts"],
            ["saves"] = ["Bookmarks"],
            ["impressions"] = ["impressions"],
            ["video_views"] = ["media views"],
            ["followers_gained"] = ["New follows", "follows"],
        },
        ["Tweet id", "Tweet permalink", "Tweet text", "retweets", "replies", "Bookmarks", "detail expands", "Profile visits", "New follows", "hashtag clicks", "permalink clicks", "media engagements"]);

    public static readonly IReadOnlyList<PlatformDialect> All = [Instagram, TikTok, YouTube, LinkedIn, Facebook, X];

    /// <summary>The platform names a profile may have.</summary>
    public static IEnumerable<string> Names => All.Select(p => p.Name);

    public static PlatformDialect? Find(string? name) =>
        name is null ? null : All.FirstOrDefault(p => p.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A clear reason for a platform name that is not one of ours, or null when it is.</summary>
    public static string? Problem(string? name) =>
        Find(name) is null ? $"'{name}' is not a platform (expected one of {string.Join(", ", Names)})" : null;

    /// <summary>
    /// The platform whose export this header is, from the columns only that platform writes; null
    /// when no platform's columns are there or two platforms match equally (a generic export).
    /// </summary>
    public static PlatformDialect? Detect(IReadOnlyList<string> header)
    {
        var columns = header.Select(ColumnMap.Normalise).ToHashSet(StringComparer.Ordinal);
        var scored = All.Select(p => (Platform: p, Score: p.Signature.Count(s => columns.Contains(ColumnMap.Normalise(s)))))
            .Where(s => s.Score > 0).OrderByDescending(s => s.Score).ToList();
        if (scored.Count == 0 || (scored.Count > 1 && scored[1].Score == scored[0].Score))
            return null;
        return scored[0].Platform;
    }

    /// <summary>
    /// The posts fields with this platform's header spellings tried first. A generic alias the
    /// platform uses for another field is dropped ("Views" are impressions on Instagram but
    /// video views on YouTube), so one column never means two things.
    /// </summary>
    public static FieldSpec[] FieldsFor(PlatformDialect? platform, IReadOnlyList<FieldSpec> generic)
    {
        if (platform is null)
            return [.. generic];
        var fields = new FieldSpec[generic.Count];
        for (var i = 0; i < generic.Count; i++)
        {
            var field = generic[i];
            var own = platform.Aliases.TryGetValue(field.Name, out var names) ? names : [];
            var claimedElsewhere = platform.Aliases.Where(a => a.Key != field.Name)
                .SelectMany(a => a.Value).Select(ColumnMap.Normalise).ToHashSet(StringComparer.Ordinal);
            var aliases = own.Concat(field.Aliases.Prepend(field.Name).Where(a => !claimedElsewhere.Contains(ColumnMap.Normalise(a))))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            // The aliases hold the field's own name too, so ColumnMap tries them in this order.
            fields[i] = new FieldSpec(field.Name, field.Required, aliases);
        }
        return fields;
    }
}
