using Insights.Analytics.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Profiles;

public class CatalogTests
{
    [Fact]
    public async Task Profiles_AreListedByNameWithTheirPostCountsAndSpan()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var catalog = db.Services.GetRequiredService<ProfileCatalog>();
        Assert.False(await catalog.AnyAsync());
        var zeta = await db.CreateProfileAsync("zeta");
        await db.CreateProfileAsync("alpha");
        await db.ImportTextAsync(zeta, "posts.csv", "post_id,published_at,likes,comments\np1,2024-01-02T00:00:00Z,1,1\np2,2024-03-04T00:00:00Z,1,1\n");

        var list = await catalog.ListAsync();

        Assert.True(await catalog.AnyAsync());
        Assert.Equal(["alpha", "zeta"], list.Select(p => p.Name));
        Assert.Equal((0, (DateTime?)null), (list[0].PostCount, list[0].FirstPostUtc));
        Assert.Equal((2, new DateTime(2024, 1, 2), new DateTime(2024, 3, 4)), (list[1].PostCount, list[1].FirstPostUtc!.Value, list[1].LastPostUtc!.Value));
    }

    [Fact]
    public async Task Find_TakesANameOrAnId()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var catalog = db.Services.GetRequiredService<ProfileCatalog>();
        var id = await db.CreateProfileAsync("brand");

        Assert.Equal(id, (await catalog.FindAsync("brand"))!.Id);
        Assert.Equal("brand", (await catalog.FindAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!.Name);
        Assert.Null(await catalog.FindAsync("nobody"));
        Assert.Null(await catalog.FindAsync("999"));
    }

    [Fact]
    public async Task PostDetails_ShowTheCoverAndLabels()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        await db.ImportTextAsync(profile, "posts.csv", "post_id,published_at,likes,comments,caption\np1,2024-01-02T00:00:00Z,1,1,hello\np2,2024-01-03T00:00:00Z,1,1,\n");
        await db.ImportTextAsync(profile, "labels.csv", "post_id,category,value\np1,tone,fun\np1,topic,food\n");
        await db.ImportBytesAsync(profile, "media.zip", Ingestion.TestMedia.Zip(("p1_2.png", Ingestion.TestMedia.Png(5)), ("p1_1.jpg", Ingestion.TestMedia.Jpeg("cover"))));
        var posts = db.Services.GetRequiredService<PostCatalog>();

        var details = await posts.DetailsAsync(profile);
        var p1 = details.Values.Single(d => d.Caption == "hello");

        Assert.Equal(2, details.Count);
        Assert.Equal(("image/jpeg", 2), (p1.CoverContentType!, p1.MediaCount));
        Assert.Equal(p1.CoverSha256, (await posts.MediaAsync(p1.PostId))[0]);
        Assert.Equal([new PostLabel(p1.PostId, "tone", "fun"), new PostLabel(p1.PostId, "topic", "food")], await posts.LabelsAsync(p1.PostId));
        Assert.Equal(0, details.Values.Single(d => d.PostId != p1.PostId).MediaCount);
    }

    [Fact]
    public async Task MediaOfAProfile_InPostOrder_AndFailures_OnlyOfFilesNeverLabelled()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        await db.ImportTextAsync(profile, "posts.csv", "post_id,published_at,likes,comments\np1,2024-01-02T00:00:00Z,1,1\np2,2024-01-03T00:00:00Z,1,1\n");
        await db.ImportBytesAsync(profile, "media.zip", Ingestion.TestMedia.Zip(("p1_2.png", Ingestion.TestMedia.Png(5)), ("p1_1.png", Ingestion.TestMedia.Png(6)), ("p2.png", Ingestion.TestMedia.Png(7))));
        var media = await db.Services.GetRequiredService<PostCatalog>().MediaOfProfileAsync(profile);
        var store = db.Services.GetRequiredService<Insights.Analytics.Annotations.AnnotationStore>();

        Assert.Equal(3, media.Count);
        var p1 = media.Where(m => m.PostId == media[0].PostId).ToList();
        Assert.Equal(2, p1.Count);
        Assert.True(p1[0].Position < p1[1].Position);
        Assert.All(media, m => Assert.Equal("image/png", m.ContentType));

        // The first file failed with an old version and then succeeded: it serves its labels, so it is no failure.
        await store.SaveAsync(p1[0].AssetId, "v1", null, "old reason");
        await store.SaveAsync(p1[0].AssetId, "v2", new Insights.Analytics.Annotations.LabelValues(0, "no_person", 0, false, 0, false, 0, false, 0, false, "", 0.5f, 0.1f, 10, 5, null, 1, [1f], "{}"), null);
        await store.SaveAsync(p1[1].AssetId, "v1", null, "first reason");
        await store.SaveAsync(p1[1].AssetId, "v2", null, "second reason");
        var failures = await store.FailuresOfProfileAsync(profile);

        Assert.Equal(["second reason"], failures.Values);
        Assert.Equal(p1[1].AssetId, failures.Keys.Single());
    }
}
