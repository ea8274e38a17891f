namespace Insights.Analytics.Popularity;

/// <summary>
/// The definition of <see cref="RollingClasses"/> written the obvious O(n * n) way, as the
/// reference its tests and benchmark compare against. Not for production use.
/// </summary>
public static class NaiveRollingClasses
{
    public static ClassAssignment[] Compute(double[] days, double[] rates, int classes, double halfWidthDays, int minPosts)
    {
        var n = days.Length;
        var result = new ClassAssignment[n];
        var distances = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                distances[j] = Math.Abs(days[j] - days[i]);
            Array.Sort(distances);
            var radius = Math.Max(halfWidthDays, distances[Math.Min(minPosts, n) - 1]);

            int size = 0, less = 0, equal = 0;
            for (var j = 0; j < n; j++)
            {
                if (Math.Abs(days[j] - days[i]) > radius) continue;
                size++;
                if (rates[j] < rates[i]) less++;
                else if (rates[j] == rates[i]) equal++;
            }
            var percentile = (less + equal / 2.0) / size;
            result[i] = new ClassAssignment(RollingClasses.ClassOf(percentile, classes), percentile, size);
        }
        return result;
    }
}
