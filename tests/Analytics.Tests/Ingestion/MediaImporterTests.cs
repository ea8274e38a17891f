using Insights.Analytics.Ingestion;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Tests.Ingestion;

public class MediaImporterTests
{
    /// <summary>The database these tests run on; the PostgreSQL run derives from this class.</summary>
    protected virtual string Provider => StorageOptions.Sqlite;

    private const string Posts =
        "post_id,published_at,post_type,likes,comments,media\n" +
        "p1,2024-01-01T10:00:00Z,image,1,1,\n" +
        "p2,2024-01-02T10:00:00Z,carousel,1,1,\n" +
        "p3,2024-01-03T10:00:00Z,carousel,1,1,IMG_001.jpg|IMG_002.png\n" +
        "p4,2024-01-04T10:00:00Z,image,1,1,\n";

    private async Task<(AnalyticsDatabase Db, int Profile)> WithPostsAsync(IDictionary<string, string?>? settings = null)
    {
        var db = await AnalyticsDatabase.CreateAsync(Provider, settings);
        var profile = await db.CreateProfileAsync();
        Assert.True((await db.ImportTextAsync(profile, "posts.csv", Posts)).Succeeded);
        return (db, profile);
    }

    private static async Task<List<(string Post, int Position, string ContentType, string? FileName, string Path)>> LinksAsync(AnalyticsDatabase db)
    {
        await using var context = db.NewContext();
        var rows = await context.PostMedia.Include(pm => pm.Post).Include(pm => pm.MediaAsset).ToListAsync();
        return rows.Select(pm => (pm.Post!.PlatformPostId, pm.Position, pm.MediaAsset!.ContentType, pm.OriginalFileName, pm.MediaAsset.StoragePath))
            .OrderBy(r => r.PlatformPostId).ThenBy(r => r.Position).ToList();
    }

    private static string[] StoredMediaFiles(AnalyticsDatabase db)
    {
        var media = Path.Combine(db.Directory, "media");
        return Directory.Exists(media) ? Directory.GetFiles(media, "*", SearchOption.AllDirectories) : [];
    }

    [Fact]
    public async Task AZip_IsMatchedByTheMediaColumnAndByFileNamesThatArePostIds()
    {
        var (db, profile) = await WithPostsAsync();
        await using var _ = db;
        var zip = TestMedia.Zip(
            ("p1.jpg", TestMedia.Jpeg("one")),
            ("p2_1.png", TestMedia.Png(10)),
            ("p2_2.PNG", TestMedia.Png(20)),
            ("export/photos/IMG_001.jpg", TestMedia.Jpeg("three-a")),
            ("IMG_002.png", TestMedia.Png(30)),
            ("notes/readme.txt", "not media, and no post is called readme"u8.ToArray()),
            ("__MACOSX/._p1.jpg", [0, 1, 2]));

        var report = await db.ImportBytesAsync(profile, "media.zip", zip);

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal("media", report.Kind);
        Assert.Equal(5, report.Inserted);
        Assert.Contains(report.Warnings, w => w.Contains("readme.txt", StringComparison.Ordinal));
        var links = await LinksAsync(db);
        Assert.Equal(
            [("p1", 0, "image/jpeg"), ("p2", 0, "image/png"), ("p2", 1, "image/png"), ("p3", 0, "image/jpeg"), ("p3", 1, "image/png")],
            links.Select(l => (l.Post, l.Position, l.ContentType)));
        Assert.Equal("IMG_001.jpg", links[3].FileName);
        // Stored by content hash, with the extension of the sniffed type.
        Assert.All(links, l => Assert.True(db.Files.Exists(l.Path)));
        Assert.EndsWith(".png", links[2].Path, StringComparison.Ordinal);
        Assert.Equal(TestMedia.Png(20), await File.ReadAllBytesAsync(db.Files.FullPath(links[2].Path)));
    }

    [Fact]
    public async Task AFolder_ImportsLikeAZip_AndReimportingReplacesRatherThanAdds()
    {
        var (db, profile) = await WithPostsAsync();
        await using var _ = db;
        var folder = Path.Combine(db.Directory, "incoming", "media");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "p1.jpg"), TestMedia.Jpeg("one"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "sub", "p2_2.png"), TestMedia.Png(7));
        await File.WriteAllBytesAsync(Path.Combine(folder, "IMG_002.png"), TestMedia.Png(7));   // same content as p2_2

        var reports = await db.Import.ImportPathsAsync(profile, [folder]);

        var report = Assert.Single(reports);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(("media", 3), (report.File, report.Inserted));
        var links = await LinksAsync(db);
        Assert.Equal([("p1", 0), ("p2", 1), ("p3", 1)], links.Select(l => (l.Post, l.Position)));
        Assert.Equal(links[1].Path, links[2].Path);   // one asset for identical content
        await using (var context = db.NewContext())
            Assert.Equal(2, await context.MediaAssets.CountAsync());

        await File.WriteAllBytesAsync(Path.Combine(folder, "p1.jpg"), TestMedia.Jpeg("one, edited"));
        var again = await db.Import.ImportMediaFolderAsync(profile, folder);

        Assert.Equal((0, 3), (again.Inserted, again.Updated));
        Assert.Equal(3, (await LinksAsync(db)).Count);
    }

    [Fact]
    public async Task AFileThatIsNotMedia_IsAnErrorNamingIt_JudgedByContentNotName_AndTheGoodOnesAreNotKept()
    {
        var (db, profile) = await WithPostsAsync();
        await using var _ = db;
        var zip = TestMedia.Zip(("p1.jpg", TestMedia.Jpeg("one")), ("photos/p4.jpg", "<html>not an image</html>"u8.ToArray()));

        var report = await db.ImportBytesAsync(profile, "media.zip", zip);

        var error = Assert.Single(report.Errors);
        Assert.Equal("photos/p4.jpg", error.Column);
        Assert.Contains("not a supported image or video", error.Reason);
        Assert.Contains("photos/p4.jpg", error.ToString());
        Assert.Empty(await LinksAsync(db));
        Assert.Empty(StoredMediaFiles(db));
    }

    [Fact]
    public async Task AnEntryLargerThanTheLimit_IsAnError_AndNothingIsKept()
    {
        // The archive's expansion ratio is let through here: this is about the limit of one file.
        var (db, profile) = await WithPostsAsync(new Dictionary<string, string?> { ["Import:MaxMediaFileBytes"] = "65536", ["Import:MaxArchiveExpansionRatio"] = "100000" });
        await using var _ = db;
        // 4 MB that deflate to a few kilobytes: what a zip bomb looks like to us.
        var bomb = TestMedia.Png(1, padding: 4 * 1024 * 1024);
        var zip = TestMedia.Zip(("p1.png", bomb), ("p4.jpg", TestMedia.Jpeg("fine")));
        Assert.True(zip.Length < 64 * 1024);

        var report = await db.ImportBytesAsync(profile, "media.zip", zip);

        var error = Assert.Single(report.Errors);
        Assert.Equal("p1.png", error.Column);
        Assert.Contains("limit", error.Reason);
        Assert.Empty(await LinksAsync(db));
    }

    [Fact]
    public async Task ADeclaredSizeThatLies_IsCaughtOnTheBytesRead_AndLeavesNoPartialFile()
    {
        var (db, profile) = await WithPostsAsync(new Dictionary<string, string?> { ["Import:MaxMediaFileBytes"] = "65536" });
        await using var _ = db;
        var options = db.Services.GetRequiredService<IOptions<ImportOptions>>().Value;
        var importer = new MediaImporter(db.Services.GetRequiredService<IDbContextFactory<InsightsDbContext>>(), db.Files, options, db.Clock);
        var big = TestMedia.Png(1, padding: 1024 * 1024);
        var report = new ImportReport("media.zip", "media");

        await importer.ImportAsync([new MediaEntry("p1.png", DeclaredLength: 100, () => new MemoryStream(big))], profile, report, null, CancellationToken.None);

        var error = Assert.Single(report.Errors);
        Assert.Contains("larger than the limit of 65,536 bytes", error.Reason);
        Assert.Empty(await LinksAsync(db));
        Assert.Empty(StoredMediaFiles(db));
    }

    [Fact]
    public async Task EntriesThatUnpackBeyondTheArchivesBudget_AreCaughtOnTheBytesRead_AndLeaveNoFile()
    {
        var (db, profile) = await WithPostsAsync();
        await using var _ = db;
        var options = db.Services.GetRequiredService<IOptions<ImportOptions>>().Value;
        var importer = new MediaImporter(db.Services.GetRequiredService<IDbContextFactory<InsightsDbContext>>(), db.Files, options, db.Clock);
        // Each entry claims 100 bytes but holds 600 KB; a 10,000-byte archive may unpack to 100 times that, 1 MB.
        MediaEntry Lying(string name, string marker) =>
            new(name, DeclaredLength: 100, () => new MemoryStream([.. TestMedia.Jpeg(marker), .. new byte[600_000]]));
        var report = new ImportReport("media.zip", "media");

        await importer.ImportAsync([Lying("p1.jpg", "one"), Lying("p2.jpg", "two"), Lying("p4.jpg", "four")], profile, report, null,
            CancellationToken.None, ArchiveBudget.ForArchive(10_000, options));

        var error = Assert.Single(report.Errors);
        Assert.Contains("more than 100 times its size", error.Reason);
        Assert.Empty(await LinksAsync(db));
        Assert.Empty(StoredMediaFiles(db));
        Assert.False(Directory.Exists(Path.Combine(db.Directory, "staging")) && Directory.EnumerateFileSystemEntries(Path.Combine(db.Directory, "staging")).Any());
    }

    [Fact]
    public async Task AnAcceptedZip_MovesItsFilesIntoTheMediaStore_AndEmptiesItsStaging()
    {
        var (db, profile) = await WithPostsAsync();
        await using var _ = db;

        var report = await db.ImportBytesAsync(profile, "media.zip", TestMedia.Zip(("p1.jpg", TestMedia.Jpeg("kept")), ("p4.png", TestMedia.Png(7))));

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        var links = await LinksAsync(db);
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.True(File.Exists(db.Files.FullPath(l.Path)), l.Path));
        Assert.All(links, l => Assert.StartsWith("media/", l.Path, StringComparison.Ordinal));
        var staging = Path.Combine(db.Directory, "staging");
        Assert.True(!Directory.Exists(staging) || !Directory.EnumerateFileSystemEntries(staging).Any());
    }

    [Fact]
    public async Task ASingleUploadedImage_IsRecognisedByItsContent_AndLinkedByItsName()
    {
        var (db, profile) = await WithPostsAsync();
        await using var _ = db;

        var report = await db.ImportBytesAsync(profile, "p4.png", TestMedia.Png(99));

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal("media", report.Kind);
        Assert.Equal([("p4", 0, "image/png")], (await LinksAsync(db)).Select(l => (l.Post, l.Position, l.ContentType)));
    }

    [Fact]
    public async Task PostIdsThatDifferOnlyInCase_DoNotBreakMatching()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        Assert.True((await db.ImportTextAsync(profile, "posts.csv",
            "post_id,published_at,likes,comments\nCxAb1,2024-01-01T10:00:00Z,1,1\ncxab1,2024-01-02T10:00:00Z,1,1\n")).Succeeded);

        var report = await db.ImportBytesAsync(profile, "media.zip",
            TestMedia.Zip(("CxAb1.jpg", TestMedia.Jpeg("upper")), ("cxab1.jpg", TestMedia.Jpeg("lower"))));

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        var links = await LinksAsync(db);
        Assert.Equal(["CxAb1.jpg", "cxab1.jpg"], links.OrderBy(l => l.Post, StringComparer.Ordinal).Select(l => l.FileName));
        Assert.Equal(links.Select(l => l.Post + ".jpg"), links.Select(l => l.FileName));
    }

    [Fact]
    public async Task LimitedStream_FailsOnceMoreThanTheLimitIsRead()
    {
        await using var limited = new LimitedStream(new MemoryStream(new byte[1000]), 999);
        var buffer = new byte[600];

        await limited.ReadExactlyAsync(buffer);
        await Assert.ThrowsAsync<LimitExceededException>(async () => await limited.ReadExactlyAsync(buffer));

        await using var exact = new LimitedStream(new MemoryStream(new byte[1000]), 1000);
        await exact.CopyToAsync(Stream.Null);
        Assert.Equal(1000, exact.Position);
    }
}
