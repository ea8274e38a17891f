using Insights.Analytics.Annotations;
using Insights.Analytics.CustomLabels;
using Insights.Analytics.Storage;
using Insights.Analytics.Tests.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Annotations;

/// <summary>A profile's stamp is its (data, labels, custom labels) versions: it changes exactly when one of them changes.</summary>
public class LabelStampTests
{
    protected virtual string Provider => StorageOptions.Sqlite;

    internal static readonly LabelValues Labels = new(1, "one_person", 1, true, 0.2f, false, 0.1f, false, 0.01f, true, "person dog",
        0.5f, 0.2f, 30, 100, 120, 1.5f, [0.6f, 0.8f], "{}");

    [Fact]
    public async Task Stamp_ChangesExactlyWhenDataLabelsOrCustomLabelsChange_AndASharedFileBumpsEveryProfileShowingIt()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var brand = await db.CreateProfileAsync("brand");
        var other = await db.CreateProfileAsync("other");
        var posts = "post_id,published_at,likes,comments\np1,2024-01-02T00:00:00Z,1,1\np2,2024-01-03T00:00:00Z,1,1\n";
        await db.ImportTextAsync(brand, "posts.csv", posts);
        await db.ImportTextAsync(other, "posts.csv", posts);
        // p1's file is the same bytes on both profiles (stored once by sha256); p2's differ.
        await db.ImportBytesAsync(brand, "media.zip", TestMedia.Zip(("p1.png", TestMedia.Png(10)), ("p2.png", TestMedia.Png(20))));
        await db.ImportBytesAsync(other, "media.zip", TestMedia.Zip(("p1.png", TestMedia.Png(10)), ("p2.png", TestMedia.Png(30))));
        var store = db.Services.GetRequiredService<AnnotationStore>();
        var assets = await AssetsAsync(db);
        Assert.Equal(3, assets.Values.Distinct().Count());

        var brandParts = await store.StampPartsAsync(brand);
        var (brand0, other0) = (brandParts.ToString(), await store.StampAsync(other));
        // Reading changes nothing.
        await store.LatestOfProfileAsync(brand);
        await store.FailuresOfProfileAsync(brand);
        Assert.Equal(brand0, await store.StampAsync(brand));

        // A file only the brand shows: only the brand's labels version moves.
        await store.SaveAsync(assets[(brand, "p2")], "v1", Labels, null);
        var brand1 = await store.StampAsync(brand);
        Assert.NotEqual(brand0, brand1);
        Assert.Equal(other0, await store.StampAsync(other));
        Assert.Equal(brandParts with { LabelsVersion = brandParts.LabelsVersion + 1 }, await store.StampPartsAsync(brand));

        // The shared file: both move.
        Assert.Equal(assets[(brand, "p1")], assets[(other, "p1")]);
        await store.SaveAsync(assets[(brand, "p1")], "v1", Labels, null);
        var (brand2, other2) = (await store.StampAsync(brand), await store.StampAsync(other));
        Assert.NotEqual(brand1, brand2);
        Assert.NotEqual(other0, other2);

        // A recorded failure of the other profile's own file changes only its stamp.
        await store.SaveAsync(assets[(other, "p2")], "v1", null, "could not be decoded");
        Assert.Equal(brand2, await store.StampAsync(brand));
        var other3 = await store.StampAsync(other);
        Assert.NotEqual(other2, other3);

        // A custom label defined and deleted: the custom labels version of that profile alone.
        var custom = db.Services.GetRequiredService<CustomLabelStore>();
        var fit = new CustomLabelFit([0.6f, 0.8f], null, 0.5, 1, 1);
        Assert.True(await custom.AddAsync(brand, "sunset", fit, 3, 0, "tester"));
        var brand3 = await store.StampPartsAsync(brand);
        Assert.Equal(brand2, (brand3 with { CustomLabelsVersion = brand3.CustomLabelsVersion - 1 }).ToString());
        Assert.Equal(other3, await store.StampAsync(other));
        Assert.False(await custom.DeleteAsync(brand, "no_such_label"));
        Assert.Equal(brand3.ToString(), await store.StampAsync(brand));
        Assert.True(await custom.DeleteAsync(brand, "sunset"));
        Assert.NotEqual(brand3.ToString(), await store.StampAsync(brand));

        // New data: the data version.
        var before = await store.StampPartsAsync(other);
        await db.ImportTextAsync(other, "posts.csv", "post_id,published_at,likes,comments\np3,2024-01-04T00:00:00Z,1,1\n");
        var after = await store.StampPartsAsync(other);
        Assert.Equal(before with { DataVersion = after.DataVersion }, after);
        Assert.True(after.DataVersion > before.DataVersion);

        // The profile's time zone, read back as stored.
        await using (var context = db.NewContext())
        {
            var row = await context.Profiles.SingleAsync(p => p.Id == other);
            row.TimeZone = "Africa/Johannesburg";
            await context.SaveChangesAsync();
        }
        Assert.Equal(after with { TimeZone = "Africa/Johannesburg" }, await store.StampPartsAsync(other));

        Assert.Equal(LabelStamp.Missing, await store.StampPartsAsync(9999));
    }

    [Fact]
    public async Task SavedLabels_ReadBackFromTheirColumns_AndASecondSaveOfTheSameVersionReplacesTheFirstWithANewRow()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        await db.ImportTextAsync(profile, "posts.csv", "post_id,published_at,likes,comments\np1,2024-01-02T00:00:00Z,1,1\n");
        await db.ImportBytesAsync(profile, "media.zip", TestMedia.Zip(("p1.png", TestMedia.Png(10))));
        var store = db.Services.GetRequiredService<AnnotationStore>();
        var asset = (await AssetsAsync(db))[(profile, "p1")];

        await store.SaveAsync(asset, "v1", Labels, null);
        var first = Assert.Single(await store.LatestOfProfileAsync(profile));
        Assert.Equal(Labels with { Embedding = [] }, first.Labels with { Embedding = [] });
        Assert.Equal(Labels.Embedding, first.Labels.Embedding);

        var changed = Labels with { PeopleCount = 3, PeopleClass = "three_or_more", Embedding = [1f, 0f] };
        await store.SaveAsync(asset, "v1", changed, null);
        var since = await store.LatestOfProfileSinceAsync(profile, first.AnnotationId);
        var second = Assert.Single(since.Labels);
        Assert.True(second.AnnotationId > first.AnnotationId);
        Assert.Equal("three_or_more", second.Labels.PeopleClass);
        Assert.Equal([1f, 0f], second.Labels.Embedding);
        await using var context = db.NewContext();
        Assert.Equal(1, await context.Annotations.CountAsync());

        // A failure replacing the only labels leaves the file without labels: a reader that held them drops them.
        await store.SaveAsync(asset, "v1", null, "could not be decoded");
        since = await store.LatestOfProfileSinceAsync(profile, second.AnnotationId);
        Assert.Empty(since.Labels);
        Assert.Equal([asset], since.Unlabelled);
        Assert.Empty(await store.LabelsOfPostAsync((await context.Posts.SingleAsync()).Id));
    }

    /// <summary>The media file of each (profile, post).</summary>
    internal static async Task<Dictionary<(int Profile, string Post), long>> AssetsAsync(AnalyticsDatabase db)
    {
        await using var context = db.NewContext();
        var links = await context.PostMedia.Select(pm => new { pm.Post!.ProfileId, pm.Post.PlatformPostId, pm.MediaAssetId }).ToListAsync();
        return links.ToDictionary(l => (l.ProfileId, l.PlatformPostId), l => l.MediaAssetId);
    }
}
