using Insights.Analytics.Ingestion.Platforms;

namespace Insights.Analytics.Compare;

/// <summary>A compared figure's formula in one platform's own column names, or why the platform cannot give it.</summary>
public sealed record MetricDefinition(string Metric, string Platform, string Formula, bool Available);

/// <summary>States each compared rate in the words of each platform's export.</summary>
public static class MetricDefinitions
{
    public static IReadOnlyList<MetricDefinition> For(string platformName)
    {
        var platform = PlatformCatalog.Find(platformName) ?? PlatformCatalog.Instagram;
        string Col(string field) => platform.ColumnFor(field) ?? field;
        var engagementParts = new[] { "likes", "comments", "shares", "saves" }.Where(f => platform.ColumnFor(f) is not null).Select(Col);
        var impressions = platform.ColumnFor("impressions");
        return
        [
            new("PoR", platform.DisplayName, $"({Col("likes")} + {Col("comments")}) ÷ followers at publish time", true),
            impressions is null
                ? new("ER", platform.DisplayName, $"not available: {platform.DisplayName} exports have no impressions", false)
                : new("ER", platform.DisplayName, $"({string.Join(" + ", engagementParts)}) ÷ {impressions}", true),
            new("Follower growth", platform.DisplayName, "followers at the range's end ÷ at its start − 1, from the follower snapshots imported", true),
        ];
    }
}
