using Insights.Analytics.ContentMap;

namespace Insights.Analytics.Tests.ContentMap;

public sealed class TsneTests
{
    /// <summary>Three Gaussian clusters, far apart in 60 dimensions (wider than the PCA step, so it runs too).</summary>
    private static (List<float[]> Points, int[] Cluster) Clusters(int perCluster, int seed)
    {
        var random = new Random(seed);
        var points = new List<float[]>();
        var labels = new List<int>();
        for (var c = 0; c < 3; c++)
        {
            var centre = Enumerable.Range(0, 60).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
            for (var i = 0; i < perCluster; i++)
            {
                points.Add(centre.Select(v => v + (float)Gaussian(random)).ToArray());
                labels.Add(c);
            }
        }
        return (points, labels.ToArray());
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void Embed_KeepsWellSeparatedClustersApart()
    {
        var (points, cluster) = Clusters(60, 7);
        var y = Tsne.Embed(points, new TsneSettings(Perplexity: 20, Iterations: 500, PcaDimensions: 50, Seed: 1));

        // Purity of the 10 nearest neighbours in the map: the share that belong to the same cluster.
        var same = 0;
        var total = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var neighbours = Enumerable.Range(0, y.Length).Where(j => j != i)
                .OrderBy(j => (y[i][0] - y[j][0]) * (y[i][0] - y[j][0]) + (y[i][1] - y[j][1]) * (y[i][1] - y[j][1])).Take(10);
            foreach (var j in neighbours)
            {
                total++;
                if (cluster[j] == cluster[i]) same++;
            }
        }
        Assert.True(same / (double)total > 0.9, $"neighbour purity {same / (double)total:0.000}");
    }

    [Fact]
    public void Embed_IsDeterministicForASeed()
    {
        var (points, _) = Clusters(30, 3);
        var settings = new TsneSettings(Perplexity: 10, Iterations: 300, PcaDimensions: 50, Seed: 5);
        var a = Tsne.Embed(points, settings);
        var b = Tsne.Embed(points, settings);
        Assert.Equal(a.SelectMany(p => p), b.SelectMany(p => p));
        var c = Tsne.Embed(points, settings with { Seed = 6 });
        Assert.NotEqual(a.SelectMany(p => p), c.SelectMany(p => p));
    }

    [Fact]
    public void Embed_HandlesTinyInputs()
    {
        Assert.Empty(Tsne.Embed([], new TsneSettings()));
        Assert.Equal([0.0, 0.0], Tsne.Embed([new float[] { 1, 2 }], new TsneSettings())[0]);
        var three = Tsne.Embed([new float[] { 0, 0 }, new float[] { 1, 0 }, new float[] { 0, 5 }], new TsneSettings(Iterations: 260));
        Assert.All(three, p => Assert.True(double.IsFinite(p[0]) && double.IsFinite(p[1])));
    }

    [Fact]
    public void Pca_KeepsTheDistancesOfDataThatLiesInFewDimensions()
    {
        // Points in a 3-d subspace of 100 dimensions: projecting on 5 components loses nothing.
        var random = new Random(2);
        var basis = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 100).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        var points = Enumerable.Range(0, 40).Select(_ =>
        {
            var w = Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            return Enumerable.Range(0, 100).Select(c => (float)(w[0] * basis[0][c] + w[1] * basis[1][c] + w[2] * basis[2][c])).ToArray();
        }).ToList();
        var projected = Pca.Project(points, 5, seed: 1);
        for (var i = 1; i < points.Count; i++)
        {
            var original = Math.Sqrt(points[0].Zip(points[i], (a, b) => (double)(a - b) * (a - b)).Sum());
            var reduced = Math.Sqrt(projected[0].Zip(projected[i], (a, b) => (a - b) * (a - b)).Sum());
            Assert.Equal(original, reduced, 3);
        }
    }
}
