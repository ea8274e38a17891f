using Insights.Analytics.Engagement;
using Insights.Analytics.Recommendations;

namespace Insights.Analytics.Tests.Recommendations;

/// <summary>The honesty test: on a profile with planted effects the suggestions find them, and nothing where none was planted.</summary>
public class RecommenderTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static RecommendationResult Recommend(int posts, int seed) =>
        Recommender.Compute(PlantedProfile.Generate(posts, seed, Zone), Zone, new EngagementOptions(), new RecommendationOptions());

    [Theory]
    [InlineData(3000, 1)]
    [InlineData(3000, 2)]
    [InlineData(3000, 3)]
    public void PlantedEffects_AreRecovered_AndTheNullFeatureGetsNothing(int posts, int seed)
    {
        var result = Recommend(posts, seed);

        var byFeature = result.Suggestions.ToDictionary(s => s.Feature);
        Assert.Equal("tutorial", byFeature["label: format"].Value);
        Assert.Equal("18:00–21:00", byFeature["time of day"].Value);
        Assert.Equal("3–5", byFeature["hashtags"].Value);
        Assert.DoesNotContain(result.Suggestions, s => s.Feature is "label: tone" or "media type" or "weekday");
        Assert.DoesNotContain(result.Avoid, s => s.Feature is "label: tone" or "media type" or "weekday");
        Assert.Equal("Choose format 'tutorial'", byFeature["label: format"].Advice);
        Assert.Equal("Use 3–5 hashtags", byFeature["hashtags"].Advice);
    }

    [Fact]
    public void Suggestions_AreRankedByTheirLowerBound_AndCarryNIntervalAndExamples()
    {
        var result = Recommend(3000, 3);

        Assert.NotEmpty(result.Suggestions);
        Assert.Equal(result.Suggestions.Select(s => s.Low).OrderDescending(), result.Suggestions.Select(s => s.Low));
        Assert.All(result.Suggestions, s =>
        {
            Assert.True(s.Low > 1 && s.Low <= s.PredictedLift && s.PredictedLift <= s.High, $"{s.Feature}={s.Value}: {s.Low} {s.PredictedLift} {s.High}");
            Assert.True(s.N >= result.MinPosts);
            Assert.Equal(3, s.Examples.Count);
        });
        Assert.All(result.Avoid, a => Assert.True(a.High < 1));
        Assert.True(result.IntervalLevel > 0.99, "intervals are widened for the many choices tested");
    }

    [Fact]
    public void FewPosts_NoSuggestionFromALuckyHandful()
    {
        // 40 posts: some format has a few lucky posts, but under the minimum of 20 per choice nothing is said about it.
        var result = Recommend(40, 4);

        Assert.All(result.Suggestions.Concat(result.Avoid), s => Assert.True(s.N >= 20));
        Assert.DoesNotContain(result.Suggestions, s => s.Feature == "label: format");
    }
}
