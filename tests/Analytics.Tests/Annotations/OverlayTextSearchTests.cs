using Insights.Analytics.Annotations;
using Insights.Analytics.Storage;
using Insights.Analytics.Tests.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Annotations;

/// <summary>Overlay text is stored with the labels and found by words in any case, on the newest labels only.</summary>
public class OverlayTextSearchTests
{
    protected virtual string Provider => StorageOptions.Sqlite;

    [Fact]
    public async Task OverlayText_RoundTrips_AndIsFoundByWordsInAnyCase_OnTheNewestLabelsOnly()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var brand = await db.CreateProfileAsync("brand");
        var other = await db.CreateProfileAsync("other");
        var posts = "post_id,published_at,likes,comments\np1,2024-01-02T00:00:00Z,1,1\np2,2024-01-03T00:00:00Z,1,1\np3,2024-01-04T00:00:00Z,1,1\n";
        await db.ImportTextAsync(brand, "posts.csv", posts);
        await db.ImportTextAsync(other, "posts.csv", posts);
        await db.ImportBytesAsync(brand, "media.zip", TestMedia.Zip(("p1.png", TestMedia.Png(10)), ("p2.png", TestMedia.Png(20)), ("p3.png", TestMedia.Png(30))));
        await db.ImportBytesAsync(other, "media.zip", TestMedia.Zip(("p1.png", TestMedia.Png(40))));
        var store = db.Services.GetRequiredService<AnnotationStore>();
        var search = db.Services.GetRequiredService<OverlayTextSearch>();
        var assets = await LabelStampTests.AssetsAsync(db);

        await store.SaveAsync(assets[(brand, "p1")], "v1", LabelStampTests.Labels with { OverlayText = "SUMMER SALE\n50% off" }, null);
        await store.SaveAsync(assets[(brand, "p2")], "v1", LabelStampTests.Labels with { OverlayText = "Shop now: $19.99" }, null);
        await store.SaveAsync(assets[(brand, "p3")], "v1", LabelStampTests.Labels, null);
        await store.SaveAsync(assets[(other, "p1")], "v1", LabelStampTests.Labels with { OverlayText = "Sale ends Sunday" }, null);

        var stored = (await store.LatestOfProfileAsync(brand)).ToDictionary(l => l.AssetId, l => l.Labels.OverlayText);
        Assert.Equal("SUMMER SALE\n50% off", stored[assets[(brand, "p1")]]);
        Assert.Null(stored[assets[(brand, "p3")]]);

        Assert.Equal([assets[(brand, "p1")]], await search.AssetsMatchingAsync(brand, "sale"));
        Assert.Equal([assets[(brand, "p1")]], await search.AssetsMatchingAsync(brand, "  Summer sale "));
        Assert.Equal([assets[(brand, "p1")]], await search.AssetsMatchingAsync(brand, "50%"));
        Assert.Equal([assets[(brand, "p2")]], await search.AssetsMatchingAsync(brand, "$19.99"));
        Assert.Equal([assets[(other, "p1")]], await search.AssetsMatchingAsync(other, "SALE"));
        Assert.Empty(await search.AssetsMatchingAsync(brand, "winter"));
        Assert.Empty(await search.AssetsMatchingAsync(brand, "   "));
        // a LIKE wildcard is a plain character here
        Assert.Empty(await search.AssetsMatchingAsync(brand, "s_le"));

        // newer labels of another version without the words: the file no longer matches
        await store.SaveAsync(assets[(brand, "p1")], "v2", LabelStampTests.Labels with { OverlayText = "Winter" }, null);
        Assert.Empty(await search.AssetsMatchingAsync(brand, "sale"));
        Assert.Equal([assets[(brand, "p1")]], await search.AssetsMatchingAsync(brand, "WINTER"));
    }
}
