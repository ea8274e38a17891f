using Insights.Analytics.Domain;

namespace Insights.Analytics.Engagement;

/// <summary>
/// The target values of one label column split by media group (all, images, videos) and value, each sample ascending.
/// The posts are put in ascending target order once for all columns; walking that order into buckets leaves every
/// bucket sorted, so a column costs two passes over the posts instead of a sort per value. Each post's group is kept in
/// that order, and a column's values are gathered into it once: at a million posts the passes then read memory in order
/// instead of jumping to each post four times.
/// </summary>
internal sealed class SortedLabelSamples
{
    private readonly double[] _ascendingValues;
    private readonly int[] _ascendingPosts;
    // The media group slot (1 = images, 2 = videos) of each post in ascending target order.
    private readonly byte[] _groupAscending;

    // A post whose value is not in the column's value list (a column has at most about a thousand values).
    private const ushort Absent = ushort.MaxValue;

    /// <param name="target">Per post; NaN where the post has no target (left out).</param>
    /// <param name="posts">The posts <paramref name="target"/> is of, in the same order (for their media group).</param>
    public SortedLabelSamples(double[] target, IReadOnlyList<EngagementPost> posts)
    {
        var present = 0;
        foreach (var value in target)
            if (!double.IsNaN(value)) present++;
        _ascendingValues = new double[present];
        _ascendingPosts = new int[present];
        for (int i = 0, k = 0; i < target.Length; i++)
        {
            if (double.IsNaN(target[i])) continue;
            _ascendingValues[k] = target[i];
            _ascendingPosts[k++] = i;
        }
        Array.Sort(_ascendingValues, _ascendingPosts);
        _groupAscending = new byte[present];
        for (var k = 0; k < present; k++)
            _groupAscending[k] = (byte)(1 + (int)posts[_ascendingPosts[k]].MediaType.Group());
    }

    /// <summary>How many posts have a target.</summary>
    public int Count => _ascendingValues.Length;

    /// <summary>The target values of one media group (null = all), ascending.</summary>
    public double[] OfGroup(MediaGroup? group)
    {
        if (group is null) return _ascendingValues;
        var wanted = (byte)(1 + (int)group);
        var sample = new List<double>();
        for (var k = 0; k < _groupAscending.Length; k++)
            if (_groupAscending[k] == wanted)
                sample.Add(_ascendingValues[k]);
        return [.. sample];
    }

    /// <summary>
    /// Per group (0 = all, 1 = images, 2 = videos) and per value of <paramref name="values"/>, the ascending target values
    /// of the posts with that value; a post whose value is not among <paramref name="values"/> is left out.
    /// </summary>
    public double[][][] Split(string[] perPost, IReadOnlyList<string> values)
    {
        if (values.Count >= Absent)
            throw new ArgumentException($"A label column has {values.Count} values; at most {Absent - 1} are supported.", nameof(values));
        var valueOfPost = ValueIndexes(perPost, values);
        var valueAscending = new ushort[_ascendingPosts.Length];
        var counts = new int[3, values.Count];
        for (var k = 0; k < _ascendingPosts.Length; k++)
        {
            var v = valueOfPost[_ascendingPosts[k]];
            valueAscending[k] = v;
            if (v == Absent) continue;
            counts[0, v]++;
            counts[_groupAscending[k], v]++;
        }
        var samples = new double[3][][];
        var filled = new int[3, values.Count];
        for (var g = 0; g < 3; g++)
        {
            samples[g] = new double[values.Count][];
            for (var v = 0; v < values.Count; v++)
                samples[g][v] = new double[counts[g, v]];
        }
        for (var k = 0; k < valueAscending.Length; k++)
        {
            var v = valueAscending[k];
            if (v == Absent) continue;
            var g = _groupAscending[k];
            samples[0][v][filled[0, v]++] = _ascendingValues[k];
            samples[g][v][filled[g, v]++] = _ascendingValues[k];
        }
        return samples;
    }

    // A column's strings are mostly the very instances in its value list, so the reference test settles most posts.
    private static ushort[] ValueIndexes(string[] perPost, IReadOnlyList<string> values)
    {
        var index = new Dictionary<string, ushort>(StringComparer.Ordinal);
        for (var v = 0; v < values.Count; v++)
            index.TryAdd(values[v], (ushort)v);
        var result = new ushort[perPost.Length];
        string? last = null;
        var lastIndex = Absent;
        for (var i = 0; i < perPost.Length; i++)
        {
            var value = perPost[i];
            if (!ReferenceEquals(value, last))
            {
                last = value;
                lastIndex = value is not null && index.TryGetValue(value, out var found) ? found : Absent;
            }
            result[i] = lastIndex;
        }
        return result;
    }
}
