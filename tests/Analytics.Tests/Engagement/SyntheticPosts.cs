using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;

namespace Insights.Analytics.Tests.Engagement;

/// <summary>Posts with a known multiplicative effect of one manual label and of brightness on PoR.</summary>
internal static class SyntheticPosts
{
    public static List<EngagementPost> Create(int n, int seed, double topicEffect = 1.5, bool withImpressions = false)
    {
        var random = new Random(seed);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, n).Select(i =>
        {
            var topic = random.Next(3) switch { 0 => "food", 1 => "travel", _ => "tips" };
            var brightness = random.NextDouble();
            var noise = Math.Exp(0.2 * (Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())));
            var por = 0.05 * (topic == "food" ? topicEffect : 1) * (1 + 0.5 * (brightness - 0.5)) * noise;
            return new EngagementPost(i, start.AddHours(i * 13), MediaType.Image, null, CaptionFeatures.Extract($"post {i} #tag"),
                new Dictionary<string, string> { ["topic"] = topic },
                new AutomaticLabels(new Dictionary<string, string>(), new Dictionary<string, double> { ["brightness"] = brightness }),
                por, withImpressions ? por * 0.5 : null);
        }).ToList();
    }
}
