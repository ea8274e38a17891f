using Insights.Analytics.Storage;
using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Storage.Bulk;

/// <summary>The writer each provider gives an import (<see cref="DatabaseProvider.CreatePostWriter"/>), used the way the importer does.</summary>
public class PostWriterTests
{
    /// <summary>The database these tests run on; the PostgreSQL run derives from this class.</summary>
    protected virtual string Provider => StorageOptions.Sqlite;

    private static Post NewPost(string id, DateTime published, long likes = 1) => new()
    {
        PlatformPostId = id,
        PublishedUtc = published,
        MediaType = MediaType.Video,
        Caption = "ünïcödé ✓ caption",
        Likes = likes,
        Comments = 2,
        Saves = 3,
        DurationSeconds = 12.25,
    };

    /// <summary>One import's write as the importer does it: a transaction, the rows, the writer finished or not, then commit or rollback.</summary>
    private static async Task WriteAsync(AnalyticsDatabase db, int profile, bool finish, bool commit, bool profileHasPosts, params Post[] posts)
    {
        await using var context = db.NewContext();
        await context.Database.OpenConnectionAsync();
        await using var transaction = await context.Database.BeginTransactionAsync();
        using (var writer = db.Services.GetRequiredService<DatabaseProvider>().CreatePostWriter(context, transaction, profileHasPosts))
        {
            foreach (var post in posts)
                writer.Write(profile, post);
            if (finish)
                await writer.FinishAsync(CancellationToken.None);
        }
        if (commit)
            await transaction.CommitAsync();
        else
            await transaction.RollbackAsync();
    }

    [Fact]
    public async Task RowsWritten_ReadBackThroughEf_AndTheirTimesCompareWithEfWrittenOnes()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var noon = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        // The finest step each engine keeps: SQLite's text holds 100 ns ticks, PostgreSQL's timestamptz microseconds.
        var step = Provider == StorageOptions.Postgres ? TimeSpan.FromMicroseconds(1) : TimeSpan.FromTicks(1);
        await using (var context = db.NewContext())
        {
            var efPost = NewPost("ef", noon);
            efPost.ProfileId = profile;
            context.Posts.Add(efPost);
            await context.SaveChangesAsync();
        }

        await WriteAsync(db, profile, finish: true, commit: true, profileHasPosts: true,
            NewPost("before", noon - step), NewPost("after", noon.AddMilliseconds(1)), NewPost("later", noon.AddDays(1)),
            NewPost("later", noon.AddDays(1), likes: 99));   // same key: the later row wins

        await using var read = db.NewContext();
        var ordered = await read.Posts.OrderBy(p => p.PublishedUtc).Select(p => p.PlatformPostId).ToListAsync();
        Assert.Equal(["before", "ef", "after", "later"], ordered);
        Assert.Equal(["after", "later"], await read.Posts.Where(p => p.PublishedUtc > noon).OrderBy(p => p.PublishedUtc).Select(p => p.PlatformPostId).ToListAsync());
        var later = await read.Posts.SingleAsync(p => p.PlatformPostId == "later");
        Assert.Equal((99L, 2L, 3L, 12.25, "ünïcödé ✓ caption", MediaType.Video), (later.Likes, later.Comments, later.Saves!.Value, later.DurationSeconds!.Value, later.Caption!, later.MediaType));
        Assert.Null(later.Shares);
        Assert.Null(later.Permalink);
        Assert.Equal(noon - step, (await read.Posts.SingleAsync(p => p.PlatformPostId == "before")).PublishedUtc);
    }

    /// <summary>
    /// Texts as the writers hand them to the engine: a caption longer than any stack buffer with characters of 2, 3 and
    /// 4 bytes in UTF-8, an empty permalink (empty, not missing), and more rows than one multi-row statement holds.
    /// </summary>
    [Fact]
    public async Task LongNonAsciiAndEmptyTexts_AndManyRows_ReadBackAsWritten()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var day = new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);
        var longCaption = string.Concat(Enumerable.Repeat("é ✓ 😀 #tag, ", 2_000));
        var posts = Enumerable.Range(0, 75).Select(i =>
        {
            var post = NewPost($"p{i}", day.AddMinutes(i), likes: i);
            post.Caption = i == 40 ? longCaption : $"caption {i}";
            post.Permalink = i == 41 ? "" : null;
            post.Shares = i % 2 == 0 ? i : null;
            return post;
        }).ToArray();

        await WriteAsync(db, profile, finish: true, commit: true, profileHasPosts: false, posts);

        await using var read = db.NewContext();
        var rows = await read.Posts.OrderBy(p => p.PublishedUtc).ToListAsync();
        Assert.Equal(75, rows.Count);
        Assert.Equal(Enumerable.Range(0, 75).Select(i => (long)i), rows.Select(r => r.Likes));
        Assert.Equal(longCaption, rows[40].Caption);
        Assert.Equal("caption 74", rows[74].Caption);
        Assert.Equal("", rows[41].Permalink);
        Assert.Null(rows[42].Permalink);
        Assert.Equal(Enumerable.Range(0, 75).Select(i => i % 2 == 0 ? (long?)i : null), rows.Select(r => r.Shares));
    }

    /// <summary>
    /// Into a profile without posts PostgreSQL's writer copies straight into posts and holds repeated ids back for a merge:
    /// the last row of each id must still win, whatever the order the repeats come in.
    /// </summary>
    [Fact]
    public async Task IntoAProfileWithoutPosts_TheLastRowOfEachRepeatedIdWins()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var day = new DateTime(2024, 3, 1, 9, 0, 0, DateTimeKind.Utc);

        await WriteAsync(db, profile, finish: true, commit: true, profileHasPosts: false,
            NewPost("a", day, likes: 1), NewPost("b", day, likes: 2), NewPost("a", day, likes: 3), NewPost("c", day, likes: 4),
            NewPost("b", day.AddHours(1), likes: 5), NewPost("a", day.AddHours(2), likes: 6), NewPost("d", day, likes: 7));

        await using var read = db.NewContext();
        var rows = await read.Posts.OrderBy(p => p.PlatformPostId).Select(p => new { p.PlatformPostId, p.Likes, p.PublishedUtc }).ToListAsync();
        Assert.Equal(["a", "b", "c", "d"], rows.Select(r => r.PlatformPostId));
        Assert.Equal([6L, 5L, 4L, 7L], rows.Select(r => r.Likes));
        Assert.Equal([day.AddHours(2), day.AddHours(1), day, day], rows.Select(r => r.PublishedUtc));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARolledBackTransaction_LeavesNoRows(bool profileHasPosts)
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        await WriteAsync(db, profile, finish: true, commit: false, profileHasPosts, NewPost("p1", DateTime.UtcNow), NewPost("p1", DateTime.UtcNow));

        await using var read = db.NewContext();
        Assert.Equal(0, await read.Posts.CountAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWriterDisposedUnfinished_WritesNothing_AndTheNextImportStillWrites(bool profileHasPosts)
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        // A cancelled import: rows were written, then the import stopped before finishing them.
        await WriteAsync(db, profile, finish: false, commit: false, profileHasPosts, NewPost("p1", DateTime.UtcNow));
        // The next one (on the same pooled connection) starts from a clean session.
        await WriteAsync(db, profile, finish: true, commit: true, profileHasPosts, NewPost("p2", DateTime.UtcNow), NewPost("p2", DateTime.UtcNow));

        await using var read = db.NewContext();
        Assert.Equal(["p2"], await read.Posts.Select(p => p.PlatformPostId).ToListAsync());
    }
}
