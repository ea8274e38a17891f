namespace Insights.Analytics.Tests.Popularity;

/// <summary>Post series for popularity tests: irregular times with clusters, long gaps and ties.</summary>
internal static class RandomSeries
{
    /// <summary>Sorted publish days and rates; ties in both times and rates are common on purpose.</summary>
    public static (double[] Days, double[] Rates) Irregular(Random random, int n)
    {
        var days = new double[n];
        var t = random.NextDouble() * 1000;
        for (var i = 0; i < n; i++)
        {
            days[i] = t;
            t += random.Next(10) switch
            {
                0 => 0,                                           // same moment as the previous post
                1 => 60 + random.NextDouble() * 300,              // a long gap of months
                2 or 3 => random.NextDouble() * 0.05,             // a burst of posts within an hour
                _ => Math.Round(random.NextDouble() * 6, 2),      // ordinary, on a coarse grid so distances tie
            };
        }

        // Rates on a coarse grid so that equal rates occur, plus some continuous ones.
        var rates = new double[n];
        for (var i = 0; i < n; i++)
            rates[i] = random.Next(3) == 0 ? random.Next(8) / 100.0 : Math.Exp(random.NextDouble() * 3 - 5);
        return (days, rates);
    }

    /// <summary>Evenly random times over a span, sorted.</summary>
    public static double[] UniformDays(Random random, int n, double spanDays)
    {
        var days = new double[n];
        for (var i = 0; i < n; i++)
            days[i] = random.NextDouble() * spanDays;
        Array.Sort(days);
        return days;
    }

    /// <summary>A log-normal draw: rates are positive and skewed like real engagement.</summary>
    public static double LogNormal(Random random, double mu, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp(mu + sigma * z);
    }
}
