using Insights.Analytics.Classification;
using Insights.Analytics.Domain;

namespace Insights.Analytics.Tests.Classification;

/// <summary>Unit-length random embeddings, optionally clustered by class.</summary>
internal static class SyntheticEmbeddings
{
    public static float[] Random(Random random, int dimensions) => Normalize(Enumerable.Range(0, dimensions).Select(_ => (float)Gaussian(random)).ToArray());

    public static float[] Normalize(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return v.Select(x => (float)(x / norm)).ToArray();
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Posts whose embedding is the class centre times <paramref name="signal"/> plus unit Gaussian noise per dimension, normalised.</summary>
    public static List<ClassifierPost> Clustered(int n, int classes, int dimensions, double signal, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, dimensions).Select(_ => Gaussian(random)).ToArray()).ToArray();
        var start = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, n).Select(i =>
        {
            var c = i % classes;
            var v = Enumerable.Range(0, dimensions).Select(j => (float)(signal * centres[c][j] + Gaussian(random) * Math.Sqrt(dimensions) / 4)).ToArray();
            return new ClassifierPost(i + 1, i % 7 == 0 ? MediaType.Video : MediaType.Image, start.AddHours(i * 13), Normalize(v), c);
        }).ToList();
    }
}
