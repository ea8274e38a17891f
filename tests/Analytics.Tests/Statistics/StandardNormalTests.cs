using Insights.Analytics.Statistics;

namespace Insights.Analytics.Tests.Statistics;

public class StandardNormalTests
{
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.025, -1.959963985)]
    [InlineData(0.9995, 3.290526731)]
    [InlineData(0.00001, -4.264890794)]
    public void Quantile_MatchesTables(double p, double z) => Assert.Equal(z, StandardNormal.Quantile(p), 6);

    [Fact]
    public void Quantile_RefusesProbabilitiesOutsideTheOpenInterval() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.Quantile(1));
}
