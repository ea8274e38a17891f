using Insights.Analytics.Classification;
using Insights.Analytics.Domain;

namespace Insights.Analytics.Tests.Classification;

public class NearDuplicatesTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void PlantedCopies_AreRemoved_KeepingSinglePostsOverCarousels_ThenTheMostRecent()
    {
        var random = new Random(11);
        var posts = Enumerable.Range(0, 200)
            .Select(i => new DuplicateCandidate(i + 1, MediaType.Image, Start.AddDays(i), SyntheticEmbeddings.Random(random, 64))).ToList();
        // post 1 reposted twice later as singles: the latest single (1001 at day 300) is kept
        posts.Add(Copy(posts[0], 1001, MediaType.Image, 300, random));
        posts.Add(Copy(posts[0], 1002, MediaType.Image, 250, random));
        // post 2 reposted later in a carousel: the single post 2 is kept although older
        posts.Add(Copy(posts[1], 1003, MediaType.Carousel, 400, random));
        // post 3 and a carousel copy older than it, plus a carousel copy newer: the single is kept
        posts.Add(Copy(posts[2], 1004, MediaType.Carousel, -10, random));

        var result = NearDuplicates.Remove(posts, new ClassifierOptions());

        Assert.Equal(4, result.RemovedCount);
        Assert.Equal(new long[] { 1, 1002, 1003, 1004 }, result.Removed.Select(r => r.PostId).Order());
        Assert.Equal(1001, result.Removed.Single(r => r.PostId == 1).KeptPostId);
        Assert.Equal(2, result.Removed.Single(r => r.PostId == 1003).KeptPostId);
        Assert.Equal(3, result.Removed.Single(r => r.PostId == 1004).KeptPostId);
        Assert.Equal(200, result.KeptIds.Count);
        Assert.Contains(1001L, result.KeptIds);
        Assert.InRange(result.Threshold, 0.02, 0.12);
        Assert.Equal(posts.Count, result.Histogram.Counts.Sum());
    }

    [Fact]
    public void WithoutCopies_NothingIsRemoved()
    {
        var random = new Random(12);
        var posts = Enumerable.Range(0, 100)
            .Select(i => new DuplicateCandidate(i, MediaType.Video, Start.AddDays(i), SyntheticEmbeddings.Random(random, 32))).ToList();

        var result = NearDuplicates.Remove(posts, new ClassifierOptions());

        Assert.Equal(0, result.RemovedCount);
        Assert.Equal(100, result.KeptIds.Count);
    }

    [Fact]
    public void TheThreshold_SitsInTheFirstValleyBetweenFloorAndCeiling()
    {
        // copies at 0.00-0.03, an empty stretch 0.03-0.08, distinct posts from 0.08
        var counts = new int[201];
        counts[0] = 5; counts[1] = 3; counts[2] = 2; counts[3] = 1; counts[4] = 1; counts[5] = 1;
        for (var b = 16; b < 200; b++) counts[b] = 10;
        var histogram = new DistanceHistogram(0.005, counts);

        var threshold = NearDuplicates.Threshold(histogram, 0.02, 0.12);

        Assert.Equal((6 + 16) * 0.005 / 2, threshold, 1e-9);
    }

    private static DuplicateCandidate Copy(DuplicateCandidate original, long id, MediaType type, int day, Random random)
    {
        var noisy = original.Normalized.Select(v => v + (float)(SyntheticEmbeddings.Gaussian(random) * 0.01 / 8)).ToArray();
        return new DuplicateCandidate(id, type, Start.AddDays(day), SyntheticEmbeddings.Normalize(noisy));
    }
}
