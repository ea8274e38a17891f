namespace Insights.Analytics.Statistics;

/// <summary>The ratio of two groups' medians with a percentile bootstrap interval that resamples both groups.</summary>
public static class MedianRatio
{
    /// <summary>
    /// median(<paramref name="with"/>) ÷ median(<paramref name="without"/>) and its interval at <paramref name="level"/>;
    /// both arrays sorted ascending, neither empty.
    /// </summary>
    public static (double Ratio, double Low, double High) Interval(double[] with, double[] without, int resamples, double level, Random random)
    {
        var ratios = new double[resamples];
        for (var r = 0; r < resamples; r++)
            ratios[r] = Bootstrap.ResampledMedian(with, random) / Bootstrap.ResampledMedian(without, random);
        Array.Sort(ratios);
        var alpha = (1 - level) / 2;
        return (Quantiles.OfSorted(with, 0.5) / Quantiles.OfSorted(without, 0.5), Quantiles.OfSorted(ratios, alpha), Quantiles.OfSorted(ratios, 1 - alpha));
    }
}
