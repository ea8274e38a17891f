using Insights.Analytics.Statistics;

namespace Insights.Analytics.Tests.Engagement;

public class BootstrapTests
{
    [Theory]
    [InlineData(15)]
    [InlineData(40)]
    [InlineData(200)]
    public void TheMedianInterval_CoversTheTrueMedian_AboutAsOftenAsItsLevelSays(int n)
    {
        // Log-normal samples (skewed like rates) whose true median is 1.
        var random = new Random(7);
        const int trials = 400;
        var covered = 0;
        for (var t = 0; t < trials; t++)
        {
            var sample = Enumerable.Range(0, n).Select(_ => Math.Exp(0.5 * Normal(random))).Order().ToArray();
            var (low, high) = Bootstrap.MedianInterval(sample, 500, random);
            if (low <= 1 && 1 <= high) covered++;
        }

        // 95% nominal; percentile intervals of a median are somewhat conservative at small n. 400 trials: sd of the rate ~1.1%.
        Assert.InRange(covered / (double)trials, 0.90, 0.995);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(101)]
    public void TheFastDraw_HasTheDistributionOfTheNaiveBootstrapMedian(int n)
    {
        var random = new Random(3);
        var sample = Enumerable.Range(0, n).Select(_ => Normal(random)).Order().ToArray();
        const int draws = 20_000;
        var fast = Enumerable.Range(0, draws).Select(_ => Bootstrap.ResampledMedian(sample, random)).Order().ToArray();
        var naive = Enumerable.Range(0, draws).Select(_ => Bootstrap.NaiveResampledMedian(sample, random)).Order().ToArray();

        foreach (var p in new[] { 0.025, 0.25, 0.5, 0.75, 0.975 })
            Assert.Equal(Quantiles.OfSorted(naive, p), Quantiles.OfSorted(fast, p), 0.08);
        Assert.Equal(fast.Average(), naive.Average(), 0.02);
    }

    [Fact]
    public void TheInterval_IsSeeded()
    {
        double[] sample = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(Bootstrap.MedianInterval(sample, 200, new Random(1)), Bootstrap.MedianInterval(sample, 200, new Random(1)));
    }

    [Fact]
    public void RollingMedian_MatchesTheNaiveWindowMedian()
    {
        var random = new Random(5);
        var days = Enumerable.Range(0, 300).Select(_ => random.NextDouble() * 400).Order().ToArray();
        var values = days.Select(_ => random.NextDouble()).ToArray();

        var fast = RollingMedian.Compute(days, values, halfWidthDays: 10, minCount: 12);

        for (var i = 0; i < days.Length; i++)
        {
            var window = Enumerable.Range(0, days.Length).Where(j => Math.Abs(days[j] - days[i]) <= 10).ToArray();
            if (window.Length < 12)
            {
                var lo = Math.Clamp(i - 6, 0, days.Length - 12);
                window = Enumerable.Range(lo, 12).ToArray();
            }
            Assert.Equal(Descriptive.Median(window.Select(j => values[j])), fast[i], 12);
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
