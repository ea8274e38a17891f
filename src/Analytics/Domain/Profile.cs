namespace Insights.Analytics.Domain;

/// <summary>One account on one platform.</summary>
public sealed class Profile
{
    public int Id { get; set; }

    /// <summary>Short unique name used in URLs and on the command line.</summary>
    public required string Name { get; set; }

    public string Platform { get; set; } = "instagram";

    /// <summary>IANA time zone the profile's hours and weekdays are read in; null uses Timing:TimeZone, then Import:TimeZone.</summary>
    public string? TimeZone { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Bumped by every import that changes the profile's data; caches key on it.</summary>
    public long DataVersion { get; set; }

    /// <summary>Bumped in the same transaction as any change to the automatic labels of the profile's media (a file shared with another profile bumps both).</summary>
    public long LabelsVersion { get; set; }

    /// <summary>Bumped in the same transaction as a custom label of the profile is defined or deleted.</summary>
    public long CustomLabelsVersion { get; set; }

    public List<Post> Posts { get; set; } = [];

    public List<FollowerSnapshot> FollowerSnapshots { get; set; } = [];
}
