namespace Insights.Analytics.Compare;

/// <summary>One profile's figures over the compared date range.</summary>
/// <param name="PostsPerWeek">Posts in the range divided by the weeks the range spans.</param>
/// <param name="WeeklyPosts">Posts per week (weeks start on Monday, UTC), every week of the range, empty weeks as 0.</param>
/// <param name="Por">Popularity Rate, (likes + comments) / followers at publish time.</param>
/// <param name="Er">Engagement rate, only posts with impressions; n = 0 where the platform exports none.</param>
/// <param name="FollowerGrowth">Change of followers from the range's start to its end (0.05 = +5%), null without snapshots.</param>
public sealed record ComparedProfile(
    string Name,
    string Platform,
    int Posts,
    int Images,
    int Carousels,
    int Videos,
    double PostsPerWeek,
    IReadOnlyList<WeekCount> WeeklyPosts,
    RateSummary Por,
    RateSummary Er,
    double? FollowersStart,
    double? FollowersEnd,
    double? FollowerGrowth);

/// <summary>Posts published in the week starting on <paramref name="WeekStart"/> (a Monday).</summary>
public sealed record WeekCount(DateOnly WeekStart, int Posts);
