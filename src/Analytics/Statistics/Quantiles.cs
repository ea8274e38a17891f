namespace Insights.Analytics.Statistics;

/// <summary>Quantiles by linear interpolation between order statistics (type 7, as R and NumPy default).</summary>
public static class Quantiles
{
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var h = (sorted.Count - 1) * Math.Clamp(p, 0, 1);
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
