using Insights.Analytics.Taxonomy;
using Insights.Analytics.Tests.Classification;

namespace Insights.Analytics.Tests.Taxonomy;

/// <summary>Posts whose values are planted in their embeddings: each value has its own direction, a post's embedding is the sum of its values' directions plus noise.</summary>
internal static class SyntheticTaxonomy
{
    public static readonly string[] Names = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];

    /// <param name="valuesOf">Draws the value indices of post i.</param>
    public static List<TaxonomyPost> Posts(int n, int values, int dimensions, double signal, int seed, Func<Random, int, int[]> valuesOf)
    {
        var random = new Random(seed);
        var directions = Enumerable.Range(0, values).Select(_ => SyntheticEmbeddings.Random(random, dimensions)).ToArray();
        return Enumerable.Range(0, n).Select(i =>
        {
            var chosen = valuesOf(random, i);
            var v = Enumerable.Range(0, dimensions).Select(j => (float)(chosen.Sum(c => signal * directions[c][j]) + SyntheticEmbeddings.Gaussian(random) / Math.Sqrt(dimensions))).ToArray();
            return new TaxonomyPost(i + 1, SyntheticEmbeddings.Normalize(v), null, chosen.Select(c => Names[c]).ToList());
        }).ToList();
    }

    /// <summary>Exactly one value per post, in turn.</summary>
    public static int[] One(Random random, int i, int values) => [i % values];

    /// <summary>Each value independently with probability 0.4; at least one.</summary>
    public static int[] Several(Random random, int values)
    {
        while (true)
        {
            var chosen = Enumerable.Range(0, values).Where(_ => random.NextDouble() < 0.4).ToArray();
            if (chosen.Length > 0) return chosen;
        }
    }
}
