using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Hashtags;

/// <summary>How hashtags and mentions are ranked. Section "Hashtags".</summary>
public sealed class HashtagOptions
{
    public const string Section = "Hashtags";

    /// <summary>A hashtag, mention or pair needs this many posts to be listed. Default 10.</summary>
    [Range(2, 100_000)]
    public int MinPosts { get; set; } = 10;

    /// <summary>Entries in the top and bottom lists. Default 10.</summary>
    [Range(1, 200)]
    public int ListSize { get; set; } = 10;
}
