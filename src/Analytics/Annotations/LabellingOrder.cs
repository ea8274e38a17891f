namespace Insights.Analytics.Annotations;

/// <summary>A media asset of a profile and the newest publish time among the profile's posts that show it.</summary>
public sealed record AssetPublished(long AssetId, DateTime PublishedUtc);

/// <summary>
/// The order a profile's media are labelled in, so that early models are useful: the newest posts first, interleaved
/// one for one with an evenly spread sample of the whole history (so a model trained early has not only seen last
/// month). Derived from the assets and their publish times alone, so every worker and every restart computes the same
/// order, and the files already labelled are simply skipped.
/// </summary>
public static class LabellingOrder
{
    /// <summary>
    /// Every asset once, in labelling order. Even positions take the newest asset not yet taken; odd positions walk the
    /// history from newest to oldest in bit-reversed (van der Corput) order, which at any prefix covers the whole
    /// history about evenly.
    /// </summary>
    public static IReadOnlyList<long> Arrange(IEnumerable<AssetPublished> assets)
    {
        var newestFirst = assets.OrderByDescending(a => a.PublishedUtc).ThenBy(a => a.AssetId).Select(a => a.AssetId).ToList();
        var n = newestFirst.Count;
        var order = new List<long>(n);
        var taken = new bool[n];
        var bits = 0;
        while ((1L << bits) < n)
            bits++;
        long spread = 0;
        var newest = 0;
        while (order.Count < n)
        {
            while (taken[newest])
                newest++;
            taken[newest] = true;
            order.Add(newestFirst[newest]);
            // The next index of the spread sample that is inside the list and not yet taken.
            while (order.Count < n && spread < 1L << bits)
            {
                var index = (int)Reverse(spread++, bits);
                if (index < n && !taken[index])
                {
                    taken[index] = true;
                    order.Add(newestFirst[index]);
                    break;
                }
            }
        }
        return order;
    }

    private static long Reverse(long value, int bits)
    {
        long reversed = 0;
        for (var i = 0; i < bits; i++, value >>= 1)
            reversed = (reversed << 1) | (value & 1);
        return reversed;
    }
}
