using System.Net;
using Insights.Analytics.Annotations;
using Insights.Analytics.CustomLabels;
using Insights.Analytics.Storage;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Tests.Api;
using Insights.Inference.Vision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.Dashboard.Tests.Labels;

/// <summary>Stored labels become plain data for the analytics: per post from its first asset, refreshed when labels change.</summary>
public sealed class PostLabelSourceTests : IClassFixture<InsightsApiFixture>
{
    private readonly InsightsApiFixture _app;

    public PostLabelSourceTests(InsightsApiFixture app) => _app = app;

    [Fact]
    public async Task PostsTakeTheLabelsOfTheirFirstAsset_AndANewerAnnotationReplacesThemAndTheStamp()
    {
        using var client = _app.CreateClient();
        var posts = "Post ID,Publish time,Likes,Comments\nC1,2024-01-01T10:00:00Z,10,1\nS1,2024-01-02T10:00:00Z,12,1\n";
        var zip = TestFiles.Zip(("C1_1.png", TestFiles.Png(10)), ("C1_2.png", TestFiles.Png(200)), ("S1.png", TestFiles.Png(90)));
        var (status, body) = await client.ImportAsync("label-source", ("posts.csv", TestFiles.Utf8(posts)), ("media.zip", zip));
        Assert.True(status == HttpStatusCode.OK, body.ToString());

        var (profileId, assets) = await AssetsByFileAsync("label-source");
        var store = _app.GetRequiredService<AnnotationStore>();
        await store.SaveAsync(assets["C1_1.png"], "v1", Serialize(Labels(people: 1, text: true, seed: 1)), null);
        await store.SaveAsync(assets["C1_2.png"], "v1", Serialize(Labels(people: 3, text: false, seed: 2)), null);
        await store.SaveAsync(assets["S1.png"], "v1", null, "could not be decoded");

        var source = _app.GetRequiredService<PostLabelSource>();
        var automatic = await source.AutomaticLabelsAsync(profileId);
        var postIds = await PostIdsAsync(profileId);
        Assert.Single(automatic);
        var carousel = automatic[postIds["C1"]];
        Assert.Equal("one_person", carousel.Categories["people"]);
        Assert.Equal("1", carousel.Categories["text_overlay"]);
        Assert.Equal(0.25, carousel.Numbers["text_area"], 3);
        var embedding = Assert.Single(await source.EmbeddingsAsync(profileId));
        Assert.Equal(postIds["C1"], embedding.PostId);
        Assert.Equal(1.0, Math.Sqrt(embedding.Normalized.Sum(v => (double)v * v)), 4);
        Assert.Equal(2, (await source.AssetsAsync(profileId)).Count);

        var before = await source.StampAsync(profileId);
        await store.SaveAsync(assets["S1.png"], "v2", Serialize(Labels(people: 2, text: false, seed: 3)), null);
        Assert.NotEqual(before, await source.StampAsync(profileId));
        automatic = await source.AutomaticLabelsAsync(profileId);
        Assert.Equal("two_persons", automatic[postIds["S1"]].Categories["people"]);
        Assert.Equal(2, (await source.EmbeddingsAsync(profileId)).Count);
    }

    [Fact]
    public async Task WhileLabellingAddsRows_OnlyTheNewRowsAreRead_AndTheResultEqualsAWholeRead()
    {
        using var client = _app.CreateClient();
        var posts = "Post ID,Publish time,Likes,Comments\nA1,2024-01-01T10:00:00Z,10,1\nB1,2024-01-02T10:00:00Z,12,1\nC1,2024-01-03T10:00:00Z,9,1\n";
        var zip = TestFiles.Zip(("A1.png", TestFiles.Png(10)), ("B1.png", TestFiles.Png(120)), ("C1.png", TestFiles.Png(220)));
        var (status, body) = await client.ImportAsync("label-increments", ("posts.csv", TestFiles.Utf8(posts)), ("media.zip", zip));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var (profileId, assets) = await AssetsByFileAsync("label-increments");
        var postIds = await PostIdsAsync(profileId);
        var store = _app.GetRequiredService<AnnotationStore>();
        var source = _app.GetRequiredService<PostLabelSource>();

        await store.SaveAsync(assets["A1.png"], "v1", Serialize(Labels(people: 1, text: true, seed: 11)), null);
        Assert.Single(await source.AutomaticLabelsAsync(profileId));
        var wholeReads = source.FullReads;

        await store.SaveAsync(assets["B1.png"], "v1", Serialize(Labels(people: 2, text: false, seed: 12)), null);
        await store.SaveAsync(assets["C1.png"], "v1", null, "could not be decoded");
        Assert.Equal(2, (await source.AutomaticLabelsAsync(profileId)).Count);
        await store.SaveAsync(assets["A1.png"], "v2", Serialize(Labels(people: 3, text: false, seed: 13)), null);
        var automatic = await source.AutomaticLabelsAsync(profileId);
        Assert.Equal(wholeReads, source.FullReads);
        Assert.Equal("three_or_more", automatic[postIds["A1"]].Categories["people"]);

        // A reader that starts now reads everything once and must see the same.
        var fresh = new PostLabelSource(store, _app.GetRequiredService<CustomLabelStore>(), TestCaches.New(),
            NullLogger<PostLabelSource>.Instance);
        var whole = await fresh.AutomaticLabelsAsync(profileId);
        Assert.Equal(whole.Keys.Order(), automatic.Keys.Order());
        foreach (var (postId, labels) in whole)
        {
            Assert.Equal(labels.Categories, automatic[postId].Categories);
            Assert.Equal(labels.Numbers, automatic[postId].Numbers);
        }
        var embeddings = await source.EmbeddingsAsync(profileId);
        Assert.Equal((await fresh.EmbeddingsAsync(profileId)).Select(e => (e.PostId, e.Normalized.Sum())), embeddings.Select(e => (e.PostId, e.Normalized.Sum())));
        Assert.Equal((await fresh.AssetsAsync(profileId)).Select(a => (a.AssetId, a.Labels.People.Count)), (await source.AssetsAsync(profileId)).Select(a => (a.AssetId, a.Labels.People.Count)));

        // New data (an import) reads everything again.
        var more = "Post ID,Publish time,Likes,Comments\nD1,2024-01-04T10:00:00Z,11,1\n";
        (status, body) = await client.ImportAsync("label-increments", ("posts.csv", TestFiles.Utf8(more)));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(2, (await source.AutomaticLabelsAsync(profileId)).Count);
        Assert.Equal(wholeReads + 1, source.FullReads);
    }

    private async Task<(int ProfileId, Dictionary<string, long> AssetByFile)> AssetsByFileAsync(string profile)
    {
        await using var context = await _app.GetRequiredService<IDbContextFactory<InsightsDbContext>>().CreateDbContextAsync();
        var profileId = await context.Profiles.Where(p => p.Name == profile).Select(p => p.Id).SingleAsync();
        var links = await context.PostMedia.Where(pm => pm.Post!.ProfileId == profileId)
            .Select(pm => new { pm.OriginalFileName, pm.MediaAssetId }).ToListAsync();
        return (profileId, links.ToDictionary(l => l.OriginalFileName!, l => l.MediaAssetId, StringComparer.OrdinalIgnoreCase));
    }

    private async Task<Dictionary<string, long>> PostIdsAsync(int profileId)
    {
        await using var context = await _app.GetRequiredService<IDbContextFactory<InsightsDbContext>>().CreateDbContextAsync();
        return await context.Posts.Where(p => p.ProfileId == profileId).ToDictionaryAsync(p => p.PlatformPostId, p => p.Id);
    }

    private static LabelValues Serialize(LabelSet labels) => StoredLabels.ToValues(labels);

    private static LabelSet Labels(int people, bool text, int seed)
    {
        var random = new Random(seed);
        var embedding = Enumerable.Range(0, 1280).Select(_ => (float)random.NextDouble()).ToArray();
        var norm = (float)Math.Sqrt(embedding.Sum(v => (double)v * v));
        return new LabelSet
        {
            Kind = MediaKind.Image,
            Width = 100,
            Height = 100,
            People = new PeopleLabel(people, PeopleLabel.ClassOf(people), []),
            Faces = new FaceLabel(0, []),
            Objects = [],
            Text = new TextOverlayLabel(text, text ? 0.25f : 0f, []),
            Style = new StyleLabel(false, 0.1f, false, 0.01f, new Dictionary<string, float>()),
            Stats = new VisualStats(0.5f, 0.2f, 0.3f, 0.4f, null, 1f),
            Embedding = embedding,
            EmbeddingNormalized = embedding.Select(v => v / norm).ToArray(),
            Models = new Dictionary<string, string>(),
        };
    }
}
