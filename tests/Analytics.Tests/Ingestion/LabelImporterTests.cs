using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Tests.Ingestion;

public class LabelImporterTests
{
    /// <summary>The database these tests run on; the PostgreSQL run derives from this class.</summary>
    protected virtual string Provider => StorageOptions.Sqlite;

    private async Task<(AnalyticsDatabase Db, int Profile)> WithPostsAsync()
    {
        var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var posts = await db.ImportTextAsync(profile, "posts.csv",
            "post_id,published_at,likes,comments\np1,2024-01-01T10:00:00Z,1,1\np2,2024-01-02T10:00:00Z,1,1\n");
        Assert.True(posts.Succeeded);
        return (db, profile);
    }

    private static async Task<List<(string Post, string Category, string Value)>> LabelsAsync(AnalyticsDatabase db)
    {
        await using var context = db.NewContext();
        var rows = await context.ManualLabels
            .Join(context.Posts, l => l.PostId, p => p.Id, (l, p) => new { p.PlatformPostId, l.Category, l.Value })
            .ToListAsync();
        return rows.Select(r => (r.PlatformPostId, r.Category, r.Value)).Order().ToList();
    }

    [Fact]
    public async Task Labels_AreImported_AndAFileReplacesTheValuesOfEachPostAndCategoryItNames()
    {
        var (db, profile) = await WithPostsAsync();
        await using var _ = db;

        var first = await db.ImportTextAsync(profile, "labels.csv",
            "post_id,category,value\np1,Topic,food\np1,topic,travel\np1,tone,fun\np2,topic,food\n");
        var second = await db.ImportTextAsync(profile, "labels.csv",
            "post_id,category,value\np1,topic,sport\np1,topic,travel\n");

        Assert.Equal("labels", first.Kind);
        Assert.Equal((4, 0), (first.Inserted, first.Updated));
        Assert.Equal((1, 1), (second.Inserted, second.Updated));
        Assert.Equal(
            [("p1", "tone", "fun"), ("p1", "topic", "sport"), ("p1", "topic", "travel"), ("p2", "topic", "food")],
            await LabelsAsync(db));
    }

    [Fact]
    public async Task ManyLabels_AreWrittenWhole_AndImportingTheSameFileAgainChangesNothing()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var posts = "post_id,published_at,likes,comments\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"m{i},2024-01-01T10:{i % 60:00}:00Z,1,1\n"));
        Assert.True((await db.ImportTextAsync(profile, "posts.csv", posts)).Succeeded);
        var labels = "post_id,category,value\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"m{i},topic,t{i % 7}\nm{i},topic,t{(i + 1) % 7}\nm{i},tone,\"ünï, {i % 3}\"\n"));

        var first = await db.ImportTextAsync(profile, "labels.csv", labels);
        var again = await db.ImportTextAsync(profile, "labels.csv", labels);
        var corrected = await db.ImportTextAsync(profile, "labels.csv", "post_id,category,value\nm0,topic,t5\nm0,topic,t1\n");

        Assert.Equal((1500, 0), (first.Inserted, first.Updated));
        Assert.Equal((0, 1500), (again.Inserted, again.Updated));
        // m0's topics were t0 and t1: t1 is kept, t0 goes, t5 comes; its tone stays.
        Assert.Equal((1, 1), (corrected.Inserted, corrected.Updated));
        var stored = await LabelsAsync(db);
        Assert.Equal(1500, stored.Count);
        Assert.Equal([("m0", "tone", "ünï, 0"), ("m0", "topic", "t1"), ("m0", "topic", "t5")], stored.Where(l => l.Post == "m0"));
        Assert.Contains(("m499", "topic", "t2"), stored);
    }

    [Fact]
    public async Task AnUnknownPostId_IsAnError_AndNothingIsWritten()
    {
        var (db, profile) = await WithPostsAsync();
        await using var _ = db;

        var report = await db.ImportTextAsync(profile, "labels.csv",
            "Post ID,Category,Value\np1,topic,food\np9,topic,food\np2,,x\n");

        Assert.Equal([(3L, "Post ID"), (4L, "Category")], report.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Contains("no post 'p9'", report.Errors[0].Reason);
        Assert.Empty(await LabelsAsync(db));
    }
}
