using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Dashboard.Prediction;

namespace Insights.Dashboard.Tests.Prediction;

public class DriverHintsTests
{
    private static LabelBreakdown Breakdown() => new(TargetMetric.PopularityRate, true, "PoR", 300, new Dictionary<string, double>(), 1000,
    [
        new CategoryBreakdown("people", LabelSource.Automatic, ["no_person", "one_person"],
        [
            new LabelValueStats("one_person", null, 300, 1, 1, 1, 1.10, 1.0, 1.2, false),
            new LabelValueStats("one_person", MediaGroup.Images, 210, 1, 1, 1, 1.18, 1.09, 1.27, false),
            new LabelValueStats("no_person", MediaGroup.Images, 90, 1, 1, 1, 0.8, 0.7, 0.9, false),
        ]),
        new CategoryBreakdown("text_overlay", LabelSource.Automatic, ["0", "1"],
        [
            new LabelValueStats("1", MediaGroup.Images, 12, 1, 1, 1, 0.70, 0.5, 0.95, true),
        ]),
        new CategoryBreakdown("topic", LabelSource.Manual, ["travel"], [new LabelValueStats("travel", MediaGroup.Images, 50, 1, 1, 1, 2, 1.5, 2.5, false)]),
    ]);

    [Fact]
    public void DraftLabels_GetTheirMediaGroupsLift_WithNAndInterval_LargestFirst_SparseLast()
    {
        var draft = new Dictionary<string, string> { ["people"] = "one_person", ["text_overlay"] = "1", ["topic"] = "travel" };

        var hints = DriverHints.For(Breakdown(), draft, MediaGroup.Images, 0.95, 5);

        Assert.Equal(["people", "text_overlay"], hints.Select(h => h.Category));
        Assert.Equal("Images with one person do +18% on this profile (n = 210, 95% interval +9% to +27%)", hints[0].Text);
        Assert.True(hints[1].Sparse);
        Assert.StartsWith("Images with a text overlay do −30%", hints[1].Text);
    }

    [Fact]
    public void ExpectedPercentile_WeighsTheMiddleOfEachClassBand()
    {
        Assert.Equal(50, PredictionService.ExpectedPercentile([1 / 3.0, 1 / 3.0, 1 / 3.0]), 9);
        Assert.Equal(100 * 5 / 6.0, PredictionService.ExpectedPercentile([0, 0, 1]), 9);
        Assert.Equal(100 * (0.5 * 0.25 + 0.5 * 0.75), PredictionService.ExpectedPercentile([0.5, 0.5]), 9);
    }
}

public class DriverHintWordsTests
{
    [Theory]
    [InlineData("custom_flat_lay", "1", "with your label 'flat_lay'")]
    [InlineData("custom_flat_lay", "0", "without your label 'flat_lay'")]
    [InlineData("text_overlay", "1", "with a text overlay")]
    [InlineData("people", "two_persons", "with two people")]
    public void LabelValues_ReadInWords(string category, string value, string expected) =>
        Assert.Equal(expected, DriverHints.Describe(category, value));
}
