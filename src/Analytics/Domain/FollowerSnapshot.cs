namespace Insights.Analytics.Domain;

/// <summary>The follower count of a profile on one day. Snapshots are sparse and irregular.</summary>
public sealed class FollowerSnapshot
{
    public long Id { get; set; }

    public int ProfileId { get; set; }

    public DateOnly Date { get; set; }

    public long Followers { get; set; }
}
