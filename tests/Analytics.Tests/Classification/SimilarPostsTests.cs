using Insights.Analytics.Classification;

namespace Insights.Analytics.Tests.Classification;

public class SimilarPostsTests
{
    [Theory]
    [InlineData(300, 64, false)]      // one pass, one core
    [InlineData(1500, 1280, false)]   // two passes, chunks in parallel
    [InlineData(3000, 1280, true)]    // non-negative features like MobileNet's: similarities crowd together
    public void TopK_EqualsANaiveDoublePrecisionReference(int n, int d, bool nonNegative)
    {
        var random = new Random(n);
        float[] Row() => nonNegative
            ? SyntheticEmbeddings.Normalize(Enumerable.Range(0, d).Select(_ => (float)Math.Max(0, SyntheticEmbeddings.Gaussian(random) + 0.3)).ToArray())
            : SyntheticEmbeddings.Random(random, d);
        var rows = Enumerable.Range(0, n).Select(i => ((long)(i * 3 + 1), Row())).ToList();
        var index = SimilarPosts.From(rows);

        for (var q = 0; q < 5; q++)
        {
            // a fresh vector, or a post's own embedding slightly moved (a near-duplicate draft)
            var query = q % 2 == 0 ? Row() : SyntheticEmbeddings.Normalize(rows[q * 7].Item2.Select(v => v + 0.01f * (float)SyntheticEmbeddings.Gaussian(random)).ToArray());
            var reference = rows.Select(r => (Id: r.Item1, Similarity: r.Item2.Zip(query, (a, b) => (double)a * b).Sum()))
                .OrderByDescending(r => r.Similarity).Take(10).ToList();

            var top = index.Top(query, 10);

            Assert.Equal(reference.Select(r => r.Id), top.Select(t => t.PostId));
            for (var i = 0; i < 10; i++)
                Assert.Equal(reference[i].Similarity, top[i].Similarity, 1e-5);
        }
    }

    [Fact]
    public void CodeDotProducts_MatchScalarArithmetic()
    {
        var random = new Random(9);
        var codes = Enumerable.Range(0, 1283).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var query = Enumerable.Range(0, 1283).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();

        var expected = codes.Zip(query, (c, q) => (double)c * q).Sum();

        Assert.Equal(expected, SimilarPosts.DotCodes(codes, query), 1e-2);
    }

    [Fact]
    public void APostFindsItselfFirst_UnlessExcluded()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 50).Select(i => ((long)i, SyntheticEmbeddings.Random(random, 16))).ToList();
        var index = SimilarPosts.From(rows);

        var top = index.Top(rows[7].Item2, 3);
        var others = index.Top(rows[7].Item2, 3, new HashSet<long> { 7 });

        Assert.Equal(7, top[0].PostId);
        Assert.Equal(0f, top[0].Distance, 1e-5);
        Assert.DoesNotContain(others, o => o.PostId == 7);
        Assert.Equal(top[1], others[0]);
    }

    [Fact]
    public void KLargerThanThePosts_ReturnsThemAll()
    {
        var random = new Random(4);
        var index = SimilarPosts.From([(1, SyntheticEmbeddings.Random(random, 8)), (2, SyntheticEmbeddings.Random(random, 8))]);

        Assert.Equal(2, index.Top(SyntheticEmbeddings.Random(random, 8), 6).Count);
        Assert.Empty(SimilarPosts.From([]).Top(new float[1], 6));
    }
}
