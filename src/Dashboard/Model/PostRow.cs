using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;

namespace Insights.Dashboard.Model;

/// <summary>One row of the Posts table: scores plus what the post shows.</summary>
public sealed record PostRow(PostScore Score, PostDetails? Details, string? ClassName)
{
    public string Id => Score.PlatformPostId;
    public DateTime Published => Score.PublishedUtc;
    public string MediaType => Score.MediaType.ToString().ToLowerInvariant();
    public long Likes => Score.Likes;
    public long Comments => Score.Comments;
    public double? PopularityRate => Score.PopularityRate;
    public double? EngagementRate => Score.EngagementRate;
    public int? Class => Score.Class;
    public string Caption => Details?.Caption ?? "";
    /// <summary>A small JPEG of the first image, or a video's poster frame; null when the post has no media.</summary>
    public string? ThumbnailUrl => Details?.CoverSha256 is { } sha ? $"/media/{sha}/thumbnail?size=160" : null;
    public bool IsVideoFile => Details?.CoverContentType?.StartsWith("video/", StringComparison.Ordinal) == true;
}
