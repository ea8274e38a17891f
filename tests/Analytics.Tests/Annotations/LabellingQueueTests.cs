using System.Globalization;
using System.Text;
using Insights.Analytics.Annotations;
using Insights.Analytics.Tests.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Annotations;

/// <summary>
/// A profile's files wait for labels in <see cref="LabellingOrder"/>: read from the database, so a batch after a
/// restart (a new store on the same file) takes up exactly where the last one stopped.
/// </summary>
public sealed class LabellingQueueTests
{
    private static readonly LabelValues Labels = LabelStampTests.Labels;

    [Fact]
    public async Task Batches_TakeTheNewestFirst_WithASpreadOfTheHistory_AndResumeAfterARestart()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        // 16 posts, one a month, each with its own picture; imported oldest last so ids do not follow dates.
        var csv = new StringBuilder("post_id,published_at,likes,comments\n");
        foreach (var i in Enumerable.Range(0, 16).Reverse())
            csv.Append(CultureInfo.InvariantCulture, $"p{i},{new DateTime(2024, 1, 1).AddMonths(i):yyyy-MM-dd}T10:00:00Z,{10 + i},1\n");
        await db.ImportTextAsync(profile, "posts.csv", csv.ToString());
        await db.ImportBytesAsync(profile, "media.zip", TestMedia.Zip(Enumerable.Range(0, 16).Select(i => ($"p{i}.png", TestMedia.Png((byte)(10 + i * 7)))).ToArray()));
        var month = await MonthOfAssetAsync(db);
        var store = db.Services.GetRequiredService<AnnotationStore>();

        var first = await store.PendingAsync("v1", profile, limit: 4);
        // Newest (month 15), a sample from the middle of the history, the next newest, a sample further back.
        Assert.Equal(new[] { 15, 7, 14, 11 }, first.Select(a => month[a.AssetId]));
        Assert.Equal(new TrainingCoverage(0, 16, false), await store.CoverageAsync("v1", profile));
        foreach (var asset in first.Take(3))
            await store.SaveAsync(asset.AssetId, "v1", Labels, null);
        Assert.Equal(new TrainingCoverage(3, 16, false), await store.CoverageAsync("v1", profile));

        // A worker that stopped after three files: the next batch, read by a fresh store, starts at the fourth.
        var restarted = new AnnotationStore(db.Services.GetRequiredService<IDbContextFactory<Insights.Analytics.Storage.InsightsDbContext>>(), db.Services.GetRequiredService<Insights.Analytics.Storage.DatabaseProvider>(), TimeProvider.System);
        var next = await restarted.PendingAsync("v1", profile, limit: 4);
        Assert.Equal(new[] { 11, 13, 3, 12 }, next.Select(a => month[a.AssetId]));
        var all = await restarted.PendingAsync("v1", profile);
        Assert.Equal(13, all.Count);
        Assert.Equal(next.Select(a => a.AssetId), all.Take(4).Select(a => a.AssetId));

        // A failed file counts as done for the queue, not as a labelled post.
        await store.SaveAsync(all[0].AssetId, "v1", null, "could not be decoded");
        Assert.Equal(new TrainingCoverage(3, 16, false), await store.CoverageAsync("v1", profile));
        foreach (var asset in all.Skip(1))
            await store.SaveAsync(asset.AssetId, "v1", Labels, null);
        Assert.Empty(await store.PendingAsync("v1", profile));
        Assert.Equal(new TrainingCoverage(15, 16, true), await store.CoverageAsync("v1", profile));
    }

    private static async Task<Dictionary<long, int>> MonthOfAssetAsync(AnalyticsDatabase db)
    {
        await using var context = db.NewContext();
        var links = await context.PostMedia.Select(pm => new { pm.MediaAssetId, pm.Post!.PublishedUtc }).ToListAsync();
        return links.ToDictionary(l => l.MediaAssetId, l => (l.PublishedUtc.Year - 2024) * 12 + l.PublishedUtc.Month - 1);
    }
}
