namespace Insights.Analytics.Domain;

/// <summary>A post with its metrics. Metrics other than likes and comments may be missing (null), which is not zero.</summary>
public sealed class Post
{
    public long Id { get; set; }

    public int ProfileId { get; set; }

    /// <summary>The platform's post id, unique per profile.</summary>
    public required string PlatformPostId { get; set; }

    public DateTime PublishedUtc { get; set; }

    public MediaType MediaType { get; set; }

    public string? Caption { get; set; }

    public string? Permalink { get; set; }

    public long Likes { get; set; }

    public long Comments { get; set; }

    public long? Shares { get; set; }

    public long? Saves { get; set; }

    public long? Impressions { get; set; }

    public long? Reach { get; set; }

    public long? VideoViews { get; set; }

    public double? DurationSeconds { get; set; }

    /// <summary>Total time people watched the video, in seconds (TikTok total play time, YouTube watch time, Facebook seconds viewed).</summary>
    public double? WatchTimeSeconds { get; set; }

    /// <summary>Average time one view lasted, in seconds.</summary>
    public double? AverageViewSeconds { get; set; }

    /// <summary>Average share of the video watched per view, in percent (YouTube).</summary>
    public double? AverageViewedPercent { get; set; }

    /// <summary>Followers (subscribers) the post brought, net of losses where the platform says so; may be negative.</summary>
    public long? FollowersGained { get; set; }

    /// <summary>File names of the post's media as the export listed them, separated by '|'.</summary>
    public string? MediaFileNames { get; set; }

    public List<PostMedia> Media { get; set; } = [];

    public List<ManualLabel> ManualLabels { get; set; } = [];
}
