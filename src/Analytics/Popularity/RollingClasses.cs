namespace Insights.Analytics.Popularity;

/// <summary>The class of one post and where its rate stands in its window (0..1, mid-rank).</summary>
public readonly record struct ClassAssignment(int Class, double Percentile, int WindowSize);

/// <summary>
/// Popularity classes over a rolling window, in O(n log n).
/// A post's window holds the posts of its group within half the window width of its publish time;
/// when that holds fewer than the minimum, the radius grows to the distance of the minimum-th
/// nearest post. Its class is the quantile bucket of its mid-rank percentile in the window,
/// (less + equal / 2) / size, where "equal" includes the post itself.
/// Ranks come from one sweep in rate order with a Fenwick tree over time positions.
/// </summary>
public static class RollingClasses
{
    /// <param name="days">Publish times in days, sorted ascending.</param>
    /// <param name="rates">The rate of each post (finite).</param>
    public static ClassAssignment[] Compute(ReadOnlySpan<double> days, ReadOnlySpan<double> rates, int classes, double halfWidthDays, int minPosts)
    {
        var n = days.Length;
        if (rates.Length != n)
            throw new ArgumentException("days and rates must have the same length");
        var starts = new int[n];
        var ends = new int[n];
        for (var i = 0; i < n; i++)
        {
            var radius = Math.Max(halfWidthDays, NearestRadius(days, i, Math.Min(minPosts, n)));
            (starts[i], ends[i]) = Window(days, i, radius);
        }
        return Rank(rates, starts, ends, classes);
    }

    /// <summary>Classes among all posts of the group: the naive, drifting alternative.</summary>
    public static ClassAssignment[] ComputeGlobal(ReadOnlySpan<double> rates, int classes)
    {
        var n = rates.Length;
        var starts = new int[n];
        var ends = new int[n];
        Array.Fill(ends, n - 1);
        return Rank(rates, starts, ends, classes);
    }

    public static int ClassOf(double percentile, int classes) => Math.Min(classes - 1, (int)Math.Floor(percentile * classes));

    /// <summary>The distance from post i to its k-th nearest post (itself being the first).</summary>
    internal static double NearestRadius(ReadOnlySpan<double> days, int i, int k)
    {
        if (k <= 1)
            return 0;
        var n = days.Length;
        // The k nearest posts form a contiguous run [a, a+k-1] containing i. Its cost
        // max(t_i - t_a, t_{a+k-1} - t_i) falls then rises in a: binary search for the turn.
        int low = Math.Max(0, i - k + 1), high = Math.Min(i, n - k);
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (days[mid + k - 1] - days[i] >= days[i] - days[mid])
                high = mid;
            else
                low = mid + 1;
        }
        var best = Math.Max(days[i] - days[low], days[low + k - 1] - days[i]);
        if (low > Math.Max(0, i - k + 1))
            best = Math.Min(best, Math.Max(days[i] - days[low - 1], days[low + k - 2] - days[i]));
        return best;
    }

    private static ClassAssignment[] Rank(ReadOnlySpan<double> rates, int[] starts, int[] ends, int classes)
    {
        var n = rates.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var keys = rates.ToArray();
        Array.Sort(keys, order);

        var tree = new FenwickTree(n);
        var less = new int[n];
        var result = new ClassAssignment[n];
        for (var g = 0; g < n;)
        {
            var groupEnd = g;
            while (groupEnd < n && keys[groupEnd] == keys[g]) groupEnd++;
            for (var j = g; j < groupEnd; j++)
            {
                var i = order[j];
                less[i] = tree.Count(starts[i], ends[i]);
            }
            for (var j = g; j < groupEnd; j++)
                tree.Add(order[j]);
            for (var j = g; j < groupEnd; j++)
            {
                var i = order[j];
                var size = ends[i] - starts[i] + 1;
                var equal = tree.Count(starts[i], ends[i]) - less[i];
                var percentile = (less[i] + equal / 2.0) / size;
                result[i] = new ClassAssignment(ClassOf(percentile, classes), percentile, size);
            }
            g = groupEnd;
        }
        return result;
    }

    /// <summary>The index range of posts within a radius of post i, tested as |t_j - t_i| &lt;= radius exactly as the definition says.</summary>
    internal static (int Start, int End) Window(ReadOnlySpan<double> days, int i, double radius) => WindowAround(days, days[i], radius);

    /// <summary>The index range of posts with |t_j - at| &lt;= radius; End &lt; Start when there are none.</summary>
    internal static (int Start, int End) WindowAround(ReadOnlySpan<double> days, double at, double radius)
    {
        int low = 0, high = days.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (at - days[mid] > radius) low = mid + 1; else high = mid;
        }
        var start = low;
        high = days.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (days[mid] - at > radius) high = mid; else low = mid + 1;
        }
        return (start, low - 1);
    }

    /// <summary>Counts marked positions in index ranges.</summary>
    private sealed class FenwickTree(int size)
    {
        private readonly int[] _tree = new int[size + 1];

        public void Add(int position)
        {
            for (var i = position + 1; i < _tree.Length; i += i & -i)
                _tree[i]++;
        }

        public int Count(int start, int end) => Prefix(end + 1) - Prefix(start);

        private int Prefix(int count)
        {
            var sum = 0;
            for (var i = count; i > 0; i -= i & -i)
                sum += _tree[i];
            return sum;
        }
    }
}
