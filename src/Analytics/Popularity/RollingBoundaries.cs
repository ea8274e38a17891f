namespace Insights.Analytics.Popularity;

/// <summary>The rates that separate classes at one moment: Thresholds[j] is the (j+1)/K quantile of the window there.</summary>
public sealed record ClassBoundary(DateTime AtUtc, double[] Thresholds, int WindowSize);

/// <summary>Class boundaries of the rolling window along a time grid, for drawing them under the points.</summary>
public static class RollingBoundaries
{
    /// <param name="days">Publish times in days, sorted ascending, of one media group.</param>
    /// <param name="rates">Their rates.</param>
    /// <param name="points">How many grid points between the first and the last post.</param>
    public static List<ClassBoundary> Compute(double[] days, double[] rates, int classes, double halfWidthDays, int minPosts, int points = 120)
    {
        var result = new List<ClassBoundary>();
        if (days.Length == 0)
            return result;
        var step = points > 1 ? (days[^1] - days[0]) / (points - 1) : 0;
        for (var p = 0; p < points; p++)
        {
            var at = days[0] + p * step;
            var radius = Math.Max(halfWidthDays, NearestDistance(days, at, Math.Min(minPosts, days.Length)));
            var (start, end) = RollingClasses.WindowAround(days, at, radius);
            var window = rates[start..(end + 1)];
            Array.Sort(window);
            var thresholds = new double[classes - 1];
            for (var c = 1; c < classes; c++)
                thresholds[c - 1] = Quantile(window, (double)c / classes);
            result.Add(new ClassBoundary(new DateTime((long)(at * TimeSpan.TicksPerDay), DateTimeKind.Utc), thresholds, window.Length));
        }
        return result;
    }

    /// <summary>Linear-interpolation quantile of sorted values.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) return double.NaN;
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(sorted.Count - 1, lower + 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    // A grid point is not a post: merge outward from where it would sit to find the k-th nearest post.
    private static double NearestDistance(double[] days, double at, int k)
    {
        var right = Array.BinarySearch(days, at);
        if (right < 0) right = ~right;
        var left = right - 1;
        var distance = 0.0;
        for (var taken = 0; taken < k; taken++)
        {
            var leftDistance = left >= 0 ? at - days[left] : double.PositiveInfinity;
            var rightDistance = right < days.Length ? days[right] - at : double.PositiveInfinity;
            if (leftDistance <= rightDistance) { distance = leftDistance; left--; }
            else { distance = rightDistance; right++; }
        }
        return distance;
    }
}
