using Insights.Analytics.Statistics;

namespace Insights.Analytics.Compare;

/// <summary>
/// A rate's distribution over a profile's posts: n, the median with its bootstrap interval, and the
/// 5th, 25th, 75th and 95th percentiles for a box. All NaN when n is 0.
/// </summary>
public sealed record RateSummary(int N, double Median, double MedianLow, double MedianHigh, double P05, double P25, double P75, double P95)
{
    public static RateSummary From(IEnumerable<double> values, int resamples, Random random, double level = 0.95)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
            return new RateSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var (low, high) = Bootstrap.MedianInterval(sorted, resamples, random, level);
        return new RateSummary(sorted.Length, Quantiles.OfSorted(sorted, 0.5), low, high,
            Quantiles.OfSorted(sorted, 0.05), Quantiles.OfSorted(sorted, 0.25), Quantiles.OfSorted(sorted, 0.75), Quantiles.OfSorted(sorted, 0.95));
    }
}
