namespace Insights.Analytics.Statistics;

/// <summary>Seeded bootstrap intervals of the median.</summary>
public static class Bootstrap
{
    /// <summary>
    /// Percentile bootstrap interval of the median of <paramref name="sorted"/> (ascending, no NaN).
    /// A resample's median is the value at the median of n uniform indices into the sorted sample,
    /// because index -> value is monotone; that order statistic is drawn directly from its Beta
    /// distribution, so each resample costs O(1) instead of O(n) and 100,000 posts stay cheap.
    /// </summary>
    public static (double Low, double High) MedianInterval(IReadOnlyList<double> sorted, int resamples, Random random, double level = 0.95)
    {
        var n = sorted.Count;
        if (n == 0) return (double.NaN, double.NaN);
        if (n == 1) return (sorted[0], sorted[0]);
        var medians = new double[resamples];
        for (var r = 0; r < resamples; r++)
            medians[r] = ResampledMedian(sorted, random);
        Array.Sort(medians);
        var alpha = (1 - level) / 2;
        return (Quantiles.OfSorted(medians, alpha), Quantiles.OfSorted(medians, 1 - alpha));
    }

    /// <summary>The median of one bootstrap resample, drawn without materialising the resample.</summary>
    public static double ResampledMedian(IReadOnlyList<double> sorted, Random random)
    {
        var n = sorted.Count;
        // k-th smallest of n uniforms ~ Beta(k, n + 1 - k); the next one lies above it as the minimum of the other n - k.
        var k = (n + 1) / 2;
        var u = Beta(k, n + 1 - k, random);
        var lower = sorted[Math.Min(n - 1, (int)(u * n))];
        if (n % 2 == 1) return lower;
        var v = 1 - Math.Pow(1 - random.NextDouble(), 1.0 / (n - k));
        var next = u + (1 - u) * v;
        return (lower + sorted[Math.Min(n - 1, (int)(next * n))]) / 2;
    }

    /// <summary>The plain bootstrap (resample, sort, take the median); the reference the fast draw is tested against.</summary>
    public static double NaiveResampledMedian(IReadOnlyList<double> values, Random random)
    {
        var sample = new double[values.Count];
        for (var i = 0; i < sample.Length; i++) sample[i] = values[random.Next(values.Count)];
        return Descriptive.Median(sample);
    }

    private static double Beta(double a, double b, Random random)
    {
        var x = Gamma(a, random);
        var y = Gamma(b, random);
        return x / (x + y);
    }

    // Marsaglia and Tsang (2000); shapes here are >= 1.
    private static double Gamma(double shape, Random random)
    {
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    private static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
