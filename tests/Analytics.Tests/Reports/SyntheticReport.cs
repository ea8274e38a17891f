using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Reports;

namespace Insights.Analytics.Tests.Reports;

/// <summary>A small report whose posts carry hostile text (formula injection) and a negative number.</summary>
public static class SyntheticReport
{
    public static readonly string[] Hostile =
    [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1",
        "-2",
        "@SUM(A1:A9)",
        "\tcmd",
        "\rcmd",
    ];

    public static ReportContent Create()
    {
        var posts = Hostile.Select((text, i) => new ReportPost(
            i + 1, text, new DateTime(2025, 3, 1 + i, 12, 0, 0, DateTimeKind.Utc), MediaType.Image, text, "https://example.com/p/" + i,
            100 + i, 5, null, null, i == 0 ? -7 : 1000, null, null, i == 1 ? -3.5 : null, 1000, false, 0.105, null, 1, "medium", 0.5,
            new Dictionary<string, string> { ["topic"] = text }, new AutomaticLabels(new Dictionary<string, string> { ["people"] = "one_person" }, new Dictionary<string, double> { ["brightness"] = -0.25 }),
            null, null)).ToList();
        var kpis = new ReportKpis(posts.Count, posts.Count, 0, 0, new ReportStatistic("Median Popularity Rate", 0.105, posts.Count, "%"),
            new ReportStatistic("Median engagement rate", null, 0, "%"), 630, 1000, 1000, [0, posts.Count, 0]);
        return new ReportContent("brand", "instagram", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            kpis, ["low", "medium", "high"], posts, null, null, [posts[0]], [posts[^1]], new Dictionary<long, byte[]>());
    }
}
