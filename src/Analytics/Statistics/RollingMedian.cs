namespace Insights.Analytics.Statistics;

/// <summary>
/// Median of the values inside a time window centred on each point, O(n log n): values are ranked
/// once and the window's members live in a Fenwick tree over ranks, so the median is a k-th query.
/// </summary>
public static class RollingMedian
{
    /// <param name="days">Times in days, ascending.</param>
    /// <param name="values">Values (finite) in the same order.</param>
    /// <param name="halfWidthDays">The window is [t - h, t + h].</param>
    /// <param name="minCount">A window with fewer points takes the nearest minCount points by index instead.</param>
    public static double[] Compute(IReadOnlyList<double> days, IReadOnlyList<double> values, double halfWidthDays, int minCount)
    {
        var n = values.Count;
        var result = new double[n];
        if (n == 0) return result;
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var rank = new int[n];
        for (var r = 0; r < n; r++) rank[order[r]] = r;
        var tree = new int[n + 1];
        int lo = 0, hi = 0, count = 0; // members are indices [lo, hi)
        int timeLo = 0, timeHi = 0;
        minCount = Math.Min(Math.Max(1, minCount), n);
        for (var i = 0; i < n; i++)
        {
            while (days[timeLo] < days[i] - halfWidthDays) timeLo++;
            while (timeHi < n && days[timeHi] <= days[i] + halfWidthDays) timeHi++;
            int wantLo = timeLo, wantHi = timeHi;
            if (wantHi - wantLo < minCount)
            {
                wantLo = Math.Clamp(i - minCount / 2, 0, n - minCount);
                wantHi = wantLo + minCount;
            }
            while (hi < wantHi) { Add(tree, rank[hi++], 1); count++; }
            while (lo > wantLo) { Add(tree, rank[--lo], 1); count++; }
            while (hi > wantHi) { Add(tree, rank[--hi], -1); count--; }
            while (lo < wantLo) { Add(tree, rank[lo++], -1); count--; }
            var a = values[order[Kth(tree, (count + 1) / 2)]];
            var b = count % 2 == 1 ? a : values[order[Kth(tree, count / 2 + 1)]];
            result[i] = (a + b) / 2;
        }
        return result;
    }

    private static void Add(int[] tree, int index, int delta)
    {
        for (var i = index + 1; i < tree.Length; i += i & -i) tree[i] += delta;
    }

    // The rank (0-based) of the k-th (1-based) present element.
    private static int Kth(int[] tree, int k)
    {
        var pos = 0;
        for (var step = HighestPowerOfTwo(tree.Length - 1); step > 0; step >>= 1)
        {
            if (pos + step < tree.Length && tree[pos + step] < k)
            {
                pos += step;
                k -= tree[pos];
            }
        }
        return pos;
    }

    private static int HighestPowerOfTwo(int n)
    {
        var p = 1;
        while (p * 2 <= n) p *= 2;
        return p;
    }
}
