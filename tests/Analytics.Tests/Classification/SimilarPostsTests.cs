using Insights.Analytics.Classification;

namespace Insights.Analytics.Tests.Classification;

public class SimilarPostsTests
{
    [Theory]
    [InlineData(300, 64)]      // one core
    [InlineData(1500, 1280)]   // chunks in parallel
    public void TopK_EqualsANaiveDoublePrecisionReference(int n, int d)
    {
        var random = new Random(n);
        var rows = Enumerable.Range(0, n).Select(i => ((long)(i * 3 + 1), SyntheticEmbeddings.Random(random, d))).ToList();
        var index = SimilarPosts.From(rows);

        for (var q = 0; q < 5; q++)
        {
            var query = SyntheticEmbeddings.Random(random, d);
            var reference = rows.Select(r => (Id: r.Item1, Similarity: r.Item2.Zip(query, (a, b) => (double)a * b).Sum()))
                .OrderByDescending(r => r.Similarity).Take(10).ToList();

            var top = index.Top(query, 10);

            Assert.Equal(reference.Select(r => r.Id), top.Select(t => t.PostId));
            for (var i = 0; i < 10; i++)
                Assert.Equal(reference[i].Similarity, top[i].Similarity, 1e-5);
        }
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
