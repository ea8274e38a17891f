using Insights.Analytics.Domain;

namespace Insights.Analytics.Engagement;

/// <summary>
/// The target values of one label column split by media group (all, images, videos) and value, each sample ascending.
/// The posts are put in ascending target order once for all columns; walking that order into buckets leaves every
/// bucket sorted, so a column costs two passes over the posts instead of a sort per value.
/// </summary>
internal sealed class SortedLabelSamples
{
    private readonly double[] _ascendingValues;
    private readonly int[] _ascendingPosts;
    private readonly byte[] _groupOfPost;

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
        _groupOfPost = new byte[posts.Count];
        for (var i = 0; i < posts.Count; i++)
            _groupOfPost[i] = (byte)(1 + (int)posts[i].MediaType.Group());
    }

    /// <summary>How many posts have a target.</summary>
    public int Count => _ascendingValues.Length;

    /// <summary>The target values of one media group (null = all), ascending.</summary>
    public double[] OfGroup(MediaGroup? group)
    {
        if (group is null) return _ascendingValues;
        var wanted = (byte)(1 + (int)group);
        var sample = new List<double>();
        for (var k = 0; k < _ascendingPosts.Length; k++)
            if (_groupOfPost[_ascendingPosts[k]] == wanted)
                sample.Add(_ascendingValues[k]);
        return [.. sample];
    }

    /// <summary>
    /// Per group (0 = all, 1 = images, 2 = videos) and per value of <paramref name="values"/>, the ascending target values
    /// of the posts with that value; a post whose value is not among <paramref name="values"/> is left out.
    /// </summary>
    public double[][][] Split(string[] perPost, IReadOnlyList<string> values)
    {
        var valueOfPost = ValueIndexes(perPost, values);
        var counts = new int[3, values.Count];
        foreach (var post in _ascendingPosts)
        {
            var v = valueOfPost[post];
            if (v < 0) continue;
            counts[0, v]++;
            counts[_groupOfPost[post], v]++;
        }
        var samples = new double[3][][];
        var filled = new int[3, values.Count];
        for (var g = 0; g < 3; g++)
        {
            samples[g] = new double[values.Count][];
            for (var v = 0; v < values.Count; v++)
                samples[g][v] = new double[counts[g, v]];
        }
        for (var k = 0; k < _ascendingPosts.Length; k++)
        {
            var post = _ascendingPosts[k];
            var v = valueOfPost[post];
            if (v < 0) continue;
            var g = _groupOfPost[post];
            samples[0][v][filled[0, v]++] = _ascendingValues[k];
            samples[g][v][filled[g, v]++] = _ascendingValues[k];
        }
        return samples;
    }

    // A column's strings are mostly the very instances in its value list, so the reference test settles most posts.
    private static int[] ValueIndexes(string[] perPost, IReadOnlyList<string> values)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var v = 0; v < values.Count; v++)
            index.TryAdd(values[v], v);
        var result = new int[perPost.Length];
        string? last = null;
        var lastIndex = -1;
        for (var i = 0; i < perPost.Length; i++)
        {
            var value = perPost[i];
            if (!ReferenceEquals(value, last))
            {
                last = value;
                lastIndex = value is not null && index.TryGetValue(value, out var found) ? found : -1;
            }
            result[i] = lastIndex;
        }
        return result;
    }
}
