using System.Net;
using System.Text;
using Insights.Analytics.Annotations;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Tests.Api;
using Insights.Inference.Vision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Insights.Dashboard.Tests.Labels;

/// <summary>The labels of many profiles go through one memory cache with a byte budget: it never holds more, and what it dropped is read again.</summary>
public sealed class LabelCacheBudgetTests
{
    private const int Profiles = 16;
    private const int PostsPerProfile = 12;

    [Fact]
    public async Task ReadingManyProfiles_StaysWithinTheCacheBudget_AndEvictedProfilesAreReadAgainCorrectly()
    {
        await using var app = InsightsApiFixture.Create(new Dictionary<string, string?> { ["Cache:BudgetMegabytes"] = "1" });
        using var client = app.CreateClient();
        var store = app.GetRequiredService<AnnotationStore>();
        var random = new Random(7);
        var profileIds = new List<int>();
        for (var p = 0; p < Profiles; p++)
        {
            var csv = new StringBuilder("Post ID,Publish time,Likes,Comments\n");
            var files = new List<(string, byte[])>();
            for (var i = 0; i < PostsPerProfile; i++)
            {
                csv.Append($"P{i},2024-01-{i + 1:00}T10:00:00Z,{10 + i},1\n");
                files.Add(($"P{i}.png", TestFiles.Png((byte)p, (byte)i, 77)));
            }
            var (status, body) = await client.ImportAsync($"budget-{p}", ("posts.csv", TestFiles.Utf8(csv.ToString())), ("media.zip", TestFiles.Zip([.. files])));
            Assert.True(status == HttpStatusCode.OK, body.ToString());
            await using var context = app.NewDbContext();
            var profileId = await context.Profiles.Where(x => x.Name == $"budget-{p}").Select(x => x.Id).SingleAsync();
            profileIds.Add(profileId);
            foreach (var asset in await context.PostMedia.Where(pm => pm.Post!.ProfileId == profileId).Select(pm => pm.MediaAssetId).ToListAsync())
                await store.SaveAsync(asset, "test", StoredLabels.ToValues(Labels(random)), null);
        }

        var cache = (MemoryCache)app.GetRequiredService<IMemoryCache>();
        var source = app.GetRequiredService<PostLabelSource>();
        const long budget = 1024 * 1024;
        foreach (var profileId in profileIds)
        {
            Assert.Equal(PostsPerProfile, (await source.AutomaticLabelsAsync(profileId)).Count);
            Assert.Equal(PostsPerProfile, (await source.AssetsAsync(profileId)).Count);
            Assert.InRange(cache.GetCurrentStatistics()!.CurrentEstimatedSize ?? 0, 1, budget);
        }

        // The budget held fewer than all the profiles: the first ones were dropped, and reading them again reads the database again.
        var reads = source.FullReads;
        Assert.Equal(PostsPerProfile, (await source.EmbeddingsAsync(profileIds[0])).Count);
        Assert.Equal(reads + 1, source.FullReads);
        Assert.InRange(cache.GetCurrentStatistics()!.CurrentEstimatedSize ?? 0, 1, budget);
        // The profile read last is still held.
        reads = source.FullReads;
        await source.AutomaticLabelsAsync(profileIds[^1]);
        Assert.Equal(reads, source.FullReads);
    }

    private static LabelSet Labels(Random random)
    {
        var embedding = Enumerable.Range(0, 1280).Select(_ => (float)random.NextDouble()).ToArray();
        var norm = (float)Math.Sqrt(embedding.Sum(v => (double)v * v));
        var box = new Box(1, 2, 30, 40, 0.9f);
        return new LabelSet
        {
            Kind = MediaKind.Image,
            Width = 100,
            Height = 100,
            People = new PeopleLabel(1, PeopleClass.OnePerson, [box]),
            Faces = new FaceLabel(1, [box]),
            Objects = [new ObjectLabel("person", 0.9f, 1, false, [box])],
            Text = new TextOverlayLabel(false, 0f, []),
            Style = new StyleLabel(false, 0.1f, false, 0.01f, new Dictionary<string, float> { ["neutral"] = 0.9f }),
            Stats = new VisualStats(0.5f, 0.2f, 0.3f, 0.4f, null, 1f),
            Embedding = embedding,
            EmbeddingNormalized = embedding.Select(v => v / norm).ToArray(),
            Models = new Dictionary<string, string> { ["test"] = "1" },
        };
    }
}
