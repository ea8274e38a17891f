using System.Numerics.Tensors;
using Insights.Analytics.Domain;

namespace Insights.Analytics.Classification;

/// <summary>A post as near-duplicate removal sees it.</summary>
public sealed record DuplicateCandidate(long PostId, MediaType MediaType, DateTime PublishedUtc, float[] Normalized);

/// <summary>Counts of nearest-neighbour cosine distances in bins of <see cref="BinWidth"/> from 0 (the last bin holds everything beyond).</summary>
public sealed record DistanceHistogram(double BinWidth, int[] Counts);

/// <summary>A removed post and the kept post it duplicates.</summary>
public sealed record RemovedDuplicate(long PostId, long KeptPostId, double Distance);

/// <summary>The outcome of near-duplicate removal: kept ids (input order), removed posts, the threshold and the histogram it came from.</summary>
public sealed record NearDuplicateResult(IReadOnlyList<long> KeptIds, IReadOnlyList<RemovedDuplicate> Removed, double Threshold, DistanceHistogram Histogram)
{
    public int RemovedCount => Removed.Count;
}

/// <summary>
/// Removes near-duplicate posts (reposts, re-crops, re-encodes) before training, so a post and its copy never sit on
/// both sides of a fold. Rule for the threshold: the histogram of every post's nearest-neighbour cosine distance has a
/// mode near 0 for copies and the bulk of distinct posts further out; the threshold is the middle of the first emptiest
/// stretch of bins between the configured floor and ceiling (the valley after the copies). With no copies the emptiest
/// stretch starts at the floor, so only pairs closer than about the floor count. Pairs closer than the threshold are
/// linked into groups; each group keeps one post: single posts over carousels, then the most recent, then the highest id.
/// </summary>
public static class NearDuplicates
{
    /// <summary>Histogram bins beyond this distance are not kept (distinct posts lie further out anyway).</summary>
    private const double HistogramEnd = 1.0;

    /// <summary>Rows compared together against every other row (32 x 1280 floats = 160 KB, within L2).</summary>
    private const int Block = 32;

    public static NearDuplicateResult Remove(IReadOnlyList<DuplicateCandidate> posts, ClassifierOptions options, CancellationToken cancellationToken = default)
    {
        var n = posts.Count;
        if (n == 0)
            return new NearDuplicateResult([], [], options.DuplicateFloor, new DistanceHistogram(options.HistogramBinWidth, []));
        var index = SimilarPosts.From(posts.Select(p => (p.PostId, p.Normalized)).ToList());
        var ceiling = Math.Max(options.DuplicateCeiling, options.DuplicateFloor);

        // One pass over all pairs: every post's nearest distance, and the pairs under the ceiling (the only candidates).
        // Rows are taken in blocks that stay in cache while every other row streams past once per block, so memory
        // traffic is n^2 d / Block rather than n^2 d (10,000 posts: 16 GB instead of 512 GB).
        var nearest = new double[n];
        var blocks = (n + Block - 1) / Block;
        var close = new List<(int A, int B, double Distance)>[blocks];
        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancellationToken }, block =>
        {
            var first = block * Block;
            var count = Math.Min(Block, n - first);
            var best = new double[count];
            Array.Fill(best, double.PositiveInfinity);
            var pairs = new List<(int, int, double)>();
            for (var j = 0; j < n; j++)
            {
                var other = index.Row(j);
                for (var b = 0; b < count; b++)
                {
                    var i = first + b;
                    if (j == i) continue;
                    var distance = 1.0 - TensorPrimitives.Dot(index.Row(i), other);
                    if (distance < best[b]) best[b] = distance;
                    if (j > i && distance < ceiling)
                        pairs.Add((i, j, distance));
                }
            }
            for (var b = 0; b < count; b++)
                nearest[first + b] = n > 1 ? Math.Max(0, best[b]) : double.NaN;
            close[block] = pairs;
        });

        var histogram = Histogram(nearest, options.HistogramBinWidth);
        var threshold = Threshold(histogram, options.DuplicateFloor, ceiling);

        // Union-find over the pairs closer than the threshold.
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        foreach (var list in close)
            foreach (var (a, b, distance) in list)
                if (distance < threshold)
                    parent[Find(a)] = Find(b);

        var groups = Enumerable.Range(0, n).GroupBy(Find).Where(g => g.Count() > 1);
        var removedRows = new HashSet<int>();
        var removed = new List<RemovedDuplicate>();
        foreach (var group in groups)
        {
            var keep = group.OrderBy(i => posts[i].MediaType == MediaType.Carousel ? 1 : 0)
                .ThenByDescending(i => posts[i].PublishedUtc).ThenByDescending(i => posts[i].PostId).First();
            foreach (var i in group.Where(i => i != keep).OrderBy(i => i))
            {
                removedRows.Add(i);
                var distance = 1.0 - TensorPrimitives.Dot(index.Row(i), index.Row(keep));
                removed.Add(new RemovedDuplicate(posts[i].PostId, posts[keep].PostId, Math.Max(0, distance)));
            }
        }
        var kept = Enumerable.Range(0, n).Where(i => !removedRows.Contains(i)).Select(i => posts[i].PostId).ToList();
        return new NearDuplicateResult(kept, removed, threshold, histogram);
    }

    internal static DistanceHistogram Histogram(IEnumerable<double> distances, double binWidth)
    {
        var bins = (int)Math.Ceiling(HistogramEnd / binWidth) + 1;
        var counts = new int[bins];
        foreach (var d in distances)
        {
            if (!double.IsFinite(d)) continue;
            counts[Math.Clamp((int)(d / binWidth), 0, bins - 1)]++;
        }
        return new DistanceHistogram(binWidth, counts);
    }

    /// <summary>The middle of the first run of emptiest bins lying between floor and ceiling; the floor when that range has no whole bin.</summary>
    internal static double Threshold(DistanceHistogram histogram, double floor, double ceiling)
    {
        var w = histogram.BinWidth;
        var first = (int)Math.Ceiling(floor / w - 1e-9);
        var last = Math.Min(histogram.Counts.Length - 1, (int)Math.Floor(ceiling / w + 1e-9) - 1);
        if (last < first) return floor;
        var min = int.MaxValue;
        for (var b = first; b <= last; b++) min = Math.Min(min, histogram.Counts[b]);
        var start = first;
        while (histogram.Counts[start] != min) start++;
        var end = start;
        while (end + 1 <= last && histogram.Counts[end + 1] == min) end++;
        // Bins start..end are [start*w, (end+1)*w); the threshold sits in the middle of that stretch.
        return Math.Clamp((start + end + 1) * w / 2, floor, ceiling);
    }
}
