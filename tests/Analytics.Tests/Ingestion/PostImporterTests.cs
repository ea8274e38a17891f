using Insights.Analytics.Storage;
using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Tests.Ingestion;

public class PostImporterTests
{
    /// <summary>The database these tests run on; the PostgreSQL run derives from this class.</summary>
    protected virtual string Provider => StorageOptions.Sqlite;

    private const string PlatformHeader = "Post ID,Publish time,Post type,Description,Permalink,Likes,Comments,Shares,Saves,Impressions,Reach,Duration (sec)";

    private static async Task<List<Post>> PostsAsync(AnalyticsDatabase db, int profileId)
    {
        await using var context = db.NewContext();
        return await context.Posts.Where(p => p.ProfileId == profileId).OrderBy(p => p.PlatformPostId).ToListAsync();
    }

    [Fact]
    public async Task PlatformStyleHeaders_MapAndEveryValueIsStored()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var csv = PlatformHeader + "\n" +
            "17890001,2024-03-05T14:30:00Z,Reel,\"Morning run, by the river \"\"5k\"\"\nsee you there\",https://example.com/p/1,\"1,234\",56,7,12,\"12.5K\",9800,1:02\n" +
            "17890002,03/06/2024 9:15 AM,IG carousel,Three photos,https://example.com/p/2,88,4,0,,,,\n" +
            "17890003,1709821800,Photo,,,\"2.1K\",0,,,,,\n";

        var report = await db.ImportTextAsync(profile, "instagram_posts.csv", csv);

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(3, report.RowsRead);
        Assert.Equal(3, report.Inserted);
        Assert.Equal(0, report.Updated);
        var posts = await PostsAsync(db, profile);
        Assert.Equal(3, posts.Count);

        var reel = posts[0];
        Assert.Equal("17890001", reel.PlatformPostId);
        Assert.Equal(new DateTime(2024, 3, 5, 14, 30, 0, DateTimeKind.Utc), reel.PublishedUtc);
        Assert.Equal(DateTimeKind.Utc, reel.PublishedUtc.Kind);
        Assert.Equal(MediaType.Video, reel.MediaType);
        Assert.Equal("Morning run, by the river \"5k\"\nsee you there", reel.Caption);
        Assert.Equal("https://example.com/p/1", reel.Permalink);
        Assert.Equal((1_234L, 56L, 7L, 12L, 12_500L, 9_800L), (reel.Likes, reel.Comments, reel.Shares!.Value, reel.Saves!.Value, reel.Impressions!.Value, reel.Reach!.Value));
        Assert.Equal(62, reel.DurationSeconds);

        Assert.Equal(MediaType.Carousel, posts[1].MediaType);
        Assert.Equal(new DateTime(2024, 3, 6, 9, 15, 0, DateTimeKind.Utc), posts[1].PublishedUtc);
        Assert.Equal(0, posts[1].Shares);
        Assert.Equal(MediaType.Image, posts[2].MediaType);
        Assert.Equal(2_100, posts[2].Likes);
        Assert.Equal(new DateTime(2024, 3, 7, 14, 30, 0, DateTimeKind.Utc), posts[2].PublishedUtc);
    }

    [Fact]
    public async Task MissingOptionalMetrics_StayNull_NotZero()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        var report = await db.ImportTextAsync(profile, "posts.csv",
            "\"post_id\",\"published_at\",\"likes\",\"comments\",\"shares\",\"saves\",\"impressions\"\n" +
            "\"p1\",\"2024-01-01T10:00:00Z\",\"0\",\"0\",\"\",\"\",\"1500\"\n" +
            "\"p2\",\"2024-01-02T10:00:00Z\",\"3\",\"1\",,  ,\n");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        var posts = await PostsAsync(db, profile);
        Assert.All(posts, p =>
        {
            Assert.Null(p.Shares);
            Assert.Null(p.Saves);
            Assert.Null(p.Reach);
            Assert.Null(p.VideoViews);
            Assert.Null(p.DurationSeconds);
            Assert.Null(p.Caption);
        });
        Assert.Equal(0, posts[0].Likes);
        Assert.Equal(1_500, posts[0].Impressions);
        Assert.Null(posts[1].Impressions);
        await using var context = db.NewContext();
        Assert.Equal(2, await context.Posts.CountAsync(p => p.Shares == null && p.Reach == null));
    }

    [Fact]
    public async Task EveryBadRow_IsReportedWithFileLineColumnAndReason_AndNothingIsWritten()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var good = await db.ImportTextAsync(profile, "first.csv", PlatformHeader + "\np1,2024-01-01T10:00:00Z,image,,,10,1,,,,,\np2,2024-01-02T10:00:00Z,image,,,20,2,,,,,\n");
        Assert.True(good.Succeeded);

        var csv = PlatformHeader + "\n" +
            "p1,2024-01-01T10:00:00Z,image,\"updated,\nbut the file is bad\",,999,1,,,,,\n" +  // line 2-3, valid
            "p3,2024-02-30 10:00,image,,,10,1,,,,,\n" +                                       // line 4: bad date
            "p4,2024-01-04T10:00:00Z,story,,,ten,1,,,,,\n" +                                  // line 5: bad type and likes
            "p5,2024-01-05T10:00:00Z,image,,,5,,,,,,\n" +                                     // line 6: empty comments
            "p6,2024-01-06T10:00:00Z,image,,,5,1,-2,,,,abc\n" +                              // line 7: bad shares, duration
            ",2024-01-07T10:00:00Z,image,,,5,1,,,,,\n";                                       // line 8: empty id

        var report = await db.ImportTextAsync(profile, "bad.csv", csv);

        Assert.False(report.Succeeded);
        Assert.Equal(7, report.ErrorCount);
        Assert.Equal(
            [(4L, "Publish time"), (5L, "Post type"), (5L, "Likes"), (6L, "Comments"), (7L, "Shares"), (7L, "Duration (sec)"), (8L, "Post ID")],
            report.Errors.Select(e => (e.Line, e.Column!)));
        Assert.All(report.Errors, e => Assert.Equal("bad.csv", e.File));
        Assert.Contains("'2024-02-30 10:00' is not a date and time", report.Errors[0].Reason);
        Assert.Contains("'story' is not a post type", report.Errors[1].Reason);
        Assert.Contains("'ten'", report.Errors[2].Reason);
        Assert.Equal("bad.csv, line 5, column 'Likes': 'ten' is not a whole non-negative number", report.Errors[2].ToString());
        Assert.Equal(0, report.Inserted);

        var posts = await PostsAsync(db, profile);
        Assert.Equal(["p1", "p2"], posts.Select(p => p.PlatformPostId));
        Assert.Equal(10, posts[0].Likes);
        Assert.Null(posts[0].Caption);
    }

    [Fact]
    public async Task TheErrorList_IsCappedButEveryErrorIsCounted()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider, new Dictionary<string, string?> { ["Import:MaxReportedErrors"] = "3" });
        var profile = await db.CreateProfileAsync();
        var rows = string.Concat(Enumerable.Range(0, 10).Select(i => $"p{i},2024-01-01T10:00:00Z,x,1\n"));

        var report = await db.ImportTextAsync(profile, "posts.csv", "post_id,published_at,likes,comments\n" + rows);

        Assert.Equal(10, report.ErrorCount);
        Assert.Equal(3, report.Errors.Count);
        Assert.Equal([2L, 3L, 4L], report.Errors.Select(e => e.Line));
    }

    [Fact]
    public async Task ReimportingTheSameExport_UpdatesAndNeverDuplicates()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        const string header = "post_id,published_at,likes,comments,impressions,caption\n";
        var first = await db.ImportTextAsync(profile, "posts.csv",
            header + "p1,2024-01-01T10:00:00Z,10,1,100,old\np2,2024-01-02T10:00:00Z,20,2,200,old\np3,2024-01-03T10:00:00Z,30,3,,old\n");
        var again = await db.ImportTextAsync(profile, "posts.csv",
            header + "p1,2024-01-01T10:00:00Z,10,1,100,old\np2,2024-01-02T10:00:00Z,20,2,200,old\np3,2024-01-03T10:00:00Z,30,3,,old\n");
        var later = await db.ImportTextAsync(profile, "posts-later.csv",
            header + "p2,2024-01-02T10:00:00Z,25,4,260,new\np3,2024-01-03T10:00:00Z,31,3,310,new\np4,2024-01-04T10:00:00Z,40,4,400,new\n");

        Assert.Equal((3, 0), (first.Inserted, first.Updated));
        Assert.Equal((0, 3), (again.Inserted, again.Updated));
        Assert.Equal((1, 2), (later.Inserted, later.Updated));
        var posts = await PostsAsync(db, profile);
        Assert.Equal(["p1", "p2", "p3", "p4"], posts.Select(p => p.PlatformPostId));
        Assert.Equal((25L, 4L, 260L, "new"), (posts[1].Likes, posts[1].Comments, posts[1].Impressions!.Value, posts[1].Caption!));
        Assert.Equal(310, posts[2].Impressions);
        Assert.Equal("old", posts[0].Caption);
        var firstId = posts[0].Id;

        await db.ImportTextAsync(profile, "posts.csv", header + "p1,2024-01-01T10:00:00Z,11,1,,\n");
        var p1 = (await PostsAsync(db, profile))[0];
        Assert.Equal(firstId, p1.Id);   // updated in place: media and labels keep pointing at it
        Assert.Null(p1.Impressions);    // the export says it is unknown now
    }

    [Fact]
    public async Task APostNamedTwiceInOneFile_KeepsItsLastRow_AlsoOnAReimport()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        const string csv = "post_id,published_at,likes,comments,caption\n" +
            "p1,2024-01-01T10:00:00Z,10,1,first\np2,2024-01-02T10:00:00Z,20,2,only\np1,2024-01-01T10:00:00Z,15,3,second\n";

        var first = await db.ImportTextAsync(profile, "posts.csv", csv);
        var again = await db.ImportTextAsync(profile, "posts.csv", csv);

        Assert.True(first.Succeeded, string.Join("; ", first.Errors));
        // Every row written counts: the second p1 row updated the first, as a statement per row would.
        Assert.Equal((2, 1), (first.Inserted, first.Updated));
        Assert.Equal((0, 3), (again.Inserted, again.Updated));
        var posts = await PostsAsync(db, profile);
        Assert.Equal(["p1", "p2"], posts.Select(p => p.PlatformPostId));
        Assert.Equal((15L, 3L, "second"), (posts[0].Likes, posts[0].Comments, posts[0].Caption!));
    }

    [Fact]
    public async Task ImportingTheSameFileTwice_ChangesNothing()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var csv = PlatformHeader + "\n" +
            "p1,2024-01-01T10:00:00Z,video,\"a, b\",https://example.com/1,10,1,2,3,400,300,12.5\n" +
            "p2,2024-01-02T10:00:00.123456Z,image,,,20,2,,,,,\n";

        await db.ImportTextAsync(profile, "posts.csv", csv);
        var before = await PostsAsync(db, profile);
        var again = await db.ImportTextAsync(profile, "posts.csv", csv);
        var after = await PostsAsync(db, profile);

        Assert.True(again.Succeeded, string.Join("; ", again.Errors));
        Assert.Equal(2, after.Count);
        // Every column, the ids included (tuples compare field by field).
        Assert.Equal(before.Select(Snapshot), after.Select(Snapshot));

        static object Snapshot(Post p) => (p.Id, p.PlatformPostId, p.PublishedUtc, p.MediaType, p.Caption, p.Permalink, p.Likes, p.Comments,
            p.Shares, p.Saves, p.Impressions, p.Reach, p.VideoViews, p.DurationSeconds);
    }

    [Fact]
    public async Task TheSamePostId_InTwoProfiles_IsTwoPosts()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var a = await db.CreateProfileAsync("a");
        var b = await db.CreateProfileAsync("b");
        const string csv = "post_id,published_at,likes,comments\np1,2024-01-01T10:00:00Z,1,1\n";

        Assert.Equal(1, (await db.ImportTextAsync(a, "posts.csv", csv)).Inserted);
        Assert.Equal(1, (await db.ImportTextAsync(b, "posts.csv", csv)).Inserted);
        Assert.Single(await PostsAsync(db, a));
        Assert.Single(await PostsAsync(db, b));
    }

    [Fact]
    public async Task AMissingRequiredColumn_IsNamedOnLineOne()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        var report = await db.ImportTextAsync(profile, "posts.csv", "Post ID,Publish time,Comments\np1,2024-01-01T10:00:00Z,1\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("'likes'", error.Reason);
        Assert.Empty(await PostsAsync(db, profile));
    }

    [Fact]
    public async Task AnUnclosedQuote_IsReportedAtItsLine_AndNothingIsWritten()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        var report = await db.ImportTextAsync(profile, "posts.csv",
            "post_id,published_at,likes,comments,caption\np1,2024-01-01T10:00:00Z,1,1,fine\np2,2024-01-02T10:00:00Z,1,1,\"never closed\np3,2024-01-03T10:00:00Z,1,1,x\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("not closed", error.Reason);
        Assert.Empty(await PostsAsync(db, profile));
    }

    [Fact]
    public async Task AHeaderWithoutRows_IsAnError()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        var report = await db.ImportTextAsync(profile, "posts.csv", "post_id,published_at,likes,comments\n");

        Assert.Contains("no rows", Assert.Single(report.Errors).Reason);
    }

    [Fact]
    public async Task JsonLinesExports_ImportLikeCsv()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        var report = await db.ImportTextAsync(profile, "posts.jsonl",
            "{\"id\":\"p1\",\"timestamp\":\"2024-01-01T10:00:00+02:00\",\"media_type\":\"VIDEO\",\"like_count\":5,\"comments\":2,\"plays\":900}\n" +
            "{\"id\":\"p2\",\"timestamp\":\"2024-01-02T10:00:00Z\",\"media_type\":\"CAROUSEL_ALBUM\",\"like_count\":7,\"comments\":0,\"media\":[\"a.jpg\",\"b.jpg\"]}\n" +
            "{\"id\":\"p3\",\"timestamp\":\"2024-01-02T10:00:00Z\",\"like_count\":\"many\",\"comments\":0}\n");

        Assert.Equal((3L, 2L), (Assert.Single(report.Errors).Line, report.RowsRead - 1));
        Assert.Equal("like_count", report.Errors[0].Column);
        Assert.Empty(await PostsAsync(db, profile));

        var fixedReport = await db.ImportTextAsync(profile, "posts.jsonl",
            "{\"id\":\"p1\",\"timestamp\":\"2024-01-01T10:00:00+02:00\",\"media_type\":\"VIDEO\",\"like_count\":5,\"comments\":2,\"plays\":900}\n");
        Assert.True(fixedReport.Succeeded);
        var post = Assert.Single(await PostsAsync(db, profile));
        Assert.Equal(new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Utc), post.PublishedUtc);
        Assert.Equal(900, post.VideoViews);
    }

    [Fact]
    public async Task SemicolonExportsWithAByteOrderMark_AndLocalTimes_Import()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider, new Dictionary<string, string?>
        {
            ["Import:TimeZone"] = "Europe/Berlin",
            ["Import:SlashDateOrder"] = "DMY",
        });
        var profile = await db.CreateProfileAsync();
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(
            "Beitrags-ID;Post ID;Publish time;Likes;Comments\r\nx;p1;05/03/2024 14:30;\"1.234\";3\r\n")).ToArray();

        var report = await db.ImportBytesAsync(profile, "export.csv", bytes);

        // "1.234" is a German thousands separator, which is ambiguous with a decimal: rejected, not guessed.
        Assert.Equal("Likes", Assert.Single(report.Errors).Column);
        var fixedBytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(
            "Post ID;Publish time;Likes;Comments\r\np1;05/03/2024 14:30;1234;3\r\n")).ToArray();
        Assert.True((await db.ImportBytesAsync(profile, "export.csv", fixedBytes)).Succeeded);
        var post = Assert.Single(await PostsAsync(db, profile));
        Assert.Equal(new DateTime(2024, 3, 5, 13, 30, 0, DateTimeKind.Utc), post.PublishedUtc);
        Assert.Equal(1_234, post.Likes);
    }
}
