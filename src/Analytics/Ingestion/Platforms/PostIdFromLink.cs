using System.Text.RegularExpressions;

namespace Insights.Analytics.Ingestion.Platforms;

/// <summary>
/// The post id inside a post's link, for exports without a post id column (TikTok, LinkedIn):
/// /video/ID, /status/ID, watch?v=ID, youtu.be/ID, /shorts/ID, /p/ID, /reel/ID, urn:li:activity:ID,
/// story_fbid=ID, /posts/ID, /videos/ID; otherwise the link's last path segment.
/// </summary>
public static partial class PostIdFromLink
{
    public static string? Extract(string? link)
    {
        if (string.IsNullOrWhiteSpace(link))
            return null;
        var value = link.Trim();
        var known = KnownPatterns().Match(value);
        if (known.Success)
            return known.Groups["id"].Value;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            return null;
        var last = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return string.IsNullOrEmpty(last) ? null : Uri.UnescapeDataString(last);
    }

    [GeneratedRegex(@"(?:/video/|/status/|[?&]v=|youtu\.be/|/shorts/|/p/|/reel/|/reels/|urn:li:(?:activity|share|ugcPost):|[?&]story_fbid=|/posts/|/videos/)(?<id>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex KnownPatterns();
}
