using Insights.Analytics.Domain;

namespace Insights.Analytics.Popularity;

/// <summary>A post with the rates and classes computed for it.</summary>
/// <param name="Followers">Followers at publish time, interpolated from snapshots (NaN without snapshots).</param>
/// <param name="FollowersExtrapolated">True when the publish time lies outside the snapshots, so the nearest one was held.</param>
/// <param name="PopularityRate">PoR = (likes + comments) / followers at publish time.</param>
/// <param name="EngagementRate">ER = (likes + comments + shares + saves) / impressions, only where impressions are known; missing shares or saves are left out of the sum.</param>
/// <param name="Rate">The rate the classes rank: (likes + comments) over the chosen base.</param>
/// <param name="Class">Rolling-window class (0 = lowest), null when the rate is unknown.</param>
/// <param name="GlobalClass">Class among the whole history of the media group.</param>
/// <param name="Percentile">Mid-rank percentile of the rate within its rolling window (0..1).</param>
public sealed record PostScore(
    long PostId,
    string PlatformPostId,
    DateTime PublishedUtc,
    MediaType MediaType,
    long Likes,
    long Comments,
    long? Shares,
    long? Saves,
    long? Impressions,
    long? Reach,
    double Followers,
    bool FollowersExtrapolated,
    double? PopularityRate,
    double? EngagementRate,
    double? Rate,
    int? Class,
    int? GlobalClass,
    double? Percentile)
{
    public MediaGroup Group => MediaType.Group();
}
