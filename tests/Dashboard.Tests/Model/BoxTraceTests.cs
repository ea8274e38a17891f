using Insights.Dashboard.Model;

namespace Insights.Dashboard.Tests.Model;

public class BoxTraceTests
{
    [Fact]
    public void QuartilesInterpolate_AndWhiskersStopAtTheLastValueWithinOneAndAHalfBoxes()
    {
        // 1..10 and one far value: quartiles 3.5 and 8.5 (linear between ranks), so the whiskers reach 1 and 10, not 100.
        double[] values = [100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var box = BoxTrace.Of("people", values, "#000");

        Assert.Equal(3.5, Assert.Single(box.Q1!));
        Assert.Equal(6.0, Assert.Single(box.Median!));
        Assert.Equal(8.5, Assert.Single(box.Q3!));
        Assert.Equal(1.0, Assert.Single(box.LowerFence!));
        Assert.Equal(10.0, Assert.Single(box.UpperFence!));
        Assert.Equal("people", Assert.Single(box.X!));
    }

    [Fact]
    public void NoFiniteValues_GiveABoxWithoutStatistics()
    {
        var box = BoxTrace.Of("none", [double.NaN], "#000");

        Assert.Null(box.Q1);
        Assert.Null(box.Median);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 2.5)]
    [InlineData(1.0, 4.0)]
    [InlineData(0.25, 1.75)]
    public void Quantile_OfFourValues(double p, double expected) =>
        Assert.Equal(expected, BoxTrace.Quantile([1, 2, 3, 4], p), 10);
}
