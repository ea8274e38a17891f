using Insights.Analytics.Statistics;

namespace Insights.Analytics.Tests.Statistics;

public class DescriptiveTests
{
    [Fact]
    public void Median_OfOddEvenAndEmptyInputs()
    {
        Assert.Equal(3, Descriptive.Median([5, 1, 3]));
        Assert.Equal(2.5, Descriptive.Median([4, 1, 3, 2]));
        Assert.True(double.IsNaN(Descriptive.Median([])));
    }

    [Fact]
    public void Pearson_IsOneOrMinusOneOnLines_AndNaNWithoutSpreadOrPairs()
    {
        double[] x = [1, 2, 3, 4, 5];

        Assert.Equal(1, Descriptive.Pearson(x, x.Select(v => 3 * v + 2).ToArray()), 12);
        Assert.Equal(-1, Descriptive.Pearson(x, x.Select(v => -0.5 * v).ToArray()), 12);
        Assert.True(double.IsNaN(Descriptive.Pearson(x, [2, 2, 2, 2, 2])));
        Assert.True(double.IsNaN(Descriptive.Pearson([1, 2], [1, 2])));
        Assert.True(double.IsNaN(Descriptive.Pearson(x, [1, 2, 3])));
    }

    [Fact]
    public void Pearson_MatchesAHandComputedValue()
    {
        // x = 1..4, y = 2, 1, 4, 3: sxy = 3, sxx = syy = 5, r = 0.6.
        Assert.Equal(0.6, Descriptive.Pearson([1, 2, 3, 4], [2, 1, 4, 3]), 12);
    }

    [Fact]
    public void Spearman_IsOneForAnyIncreasingRelation()
    {
        double[] x = [0.1, 0.5, 2, 7, 30];

        Assert.Equal(1, Descriptive.Spearman(x, x.Select(Math.Exp).ToArray()), 12);
        Assert.True(Descriptive.Pearson(x, x.Select(Math.Exp).ToArray()) < 0.999);   // while the linear r is not 1
    }

    [Fact]
    public void Ranks_GiveTiesTheirMidRank()
    {
        Assert.Equal([1.0, 3.0, 3.0, 3.0, 5.0], Descriptive.Ranks([10, 20, 20, 20, 30]));
        Assert.Equal([2.5, 1.0, 2.5], Descriptive.Ranks([7, 3, 7]));
        Assert.Empty(Descriptive.Ranks([]));
    }
}
