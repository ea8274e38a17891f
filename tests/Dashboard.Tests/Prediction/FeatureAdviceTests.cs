using Insights.Dashboard.Prediction;
using Insights.Dashboard.Tests.Drivers;

namespace Insights.Dashboard.Tests.Prediction;

public class FeatureAdviceTests
{
    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 10)]
    [InlineData(0.5, 15)]
    [InlineData(1, 20)]
    [InlineData(1.5, 35)]
    [InlineData(2, 40)]
    [InlineData(9, 40)]
    public void Interpolate_IsLinearBetweenGridPoints_FlatBeyondTheEnds_AndSkipsTies(double value, double expected) =>
        // A quantile grid repeats values where many posts share one (1, 1): the tie must not divide by zero.
        Assert.Equal(expected, FeatureAdvice.Interpolate([0, 1, 1, 2], [10, 20, 30, 40], value), 9);

    [Fact]
    public void ADraftLowOnAFeatureThatRaisesTheRate_IsToldWhereThePastPostsDoBetter()
    {
        // The test model's target rises with x (0..1); kind is categorical and noise does nothing.
        var figures = DriversTestModel.Figures(1, "s", DriversTestModel.Train());

        var hints = FeatureAdvice.For(figures, new Dictionary<string, double> { ["x"] = 0.1, ["noise"] = 0.5, ["kind"] = 1 }, 5);

        var x = Assert.Single(hints, h => h.Feature == "x");
        Assert.True(x.BestValue > 0.6, $"the best x should be high, got {x.BestValue}");
        Assert.True(x.BestPredicted / x.Predicted >= FeatureAdvice.MinimumGain);
        Assert.Contains("posts around", x.Text, StringComparison.Ordinal);
        Assert.Equal("x", hints[0].Feature);
        Assert.DoesNotContain(hints, h => h.Feature == "kind");
    }

    [Fact]
    public void ADraftAlreadyAtTheTop_IsToldItIsNearTheBestRange_AndOneBeyondTheGrid_IsToldSo()
    {
        var figures = DriversTestModel.Figures(1, "s", DriversTestModel.Train());

        var top = Assert.Single(FeatureAdvice.For(figures, new Dictionary<string, double> { ["x"] = 5 }, 5));

        Assert.True(top.OutsideRange);
        Assert.Contains("near the best range", top.Text, StringComparison.Ordinal);
        Assert.Contains("beyond the range of past posts", top.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AFeatureTheDraftDoesNotHave_GivesNoHint()
    {
        var figures = DriversTestModel.Figures(1, "s", DriversTestModel.Train());

        Assert.Empty(FeatureAdvice.For(figures, new Dictionary<string, double> { ["brightness"] = 0.4, ["x"] = double.NaN }, 5));
    }

    [Theory]
    [InlineData("text_area", 0.123, "12.3% of the picture in text")]
    [InlineData("faces", 1, "1 face")]
    [InlineData("faces", 2.4, "2 faces")]
    [InlineData("aspect_ratio", 0.8, "0.80 (width / height)")]
    [InlineData("brightness", 0.456, "0.46")]
    public void Values_ReadInTheirUnits(string feature, double value, string expected) =>
        Assert.Equal(expected, FeatureAdvice.Format(feature, value));
}
