using Insights.Analytics.Storage;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Insights.Analytics.Domain;
using Insights.Analytics.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Tests.Ingestion;

public class ImportServiceTests
{
    /// <summary>The database these tests run on; the PostgreSQL run derives from this class.</summary>
    protected virtual string Provider => StorageOptions.Sqlite;

    private const string PostsCsv = "post_id,published_at,likes,comments\np1,2024-01-01T10:00:00Z,1,1\np2,2024-01-02T10:00:00Z,2,2\n";

    private static async Task<List<ImportRecord>> RecordsAsync(AnalyticsDatabase db)
    {
        await using var context = db.NewContext();
        return await context.Imports.OrderBy(i => i.Id).ToListAsync();
    }

    [Fact]
    public async Task EnsureProfile_CreatesOnce_AndReturnsTheSameProfileAfterwards()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);

        var created = await db.Import.EnsureProfileAsync("brand", "tiktok");
        var again = await db.Import.EnsureProfileAsync("brand");

        Assert.Equal(created.Id, again.Id);
        Assert.Equal("tiktok", again.Platform);
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, again.CreatedUtc);
    }

    [Fact]
    public async Task TheOriginalUpload_IsKeptInTheFileStore_AndAnImportRecordSaysHowItWent()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var bytes = Encoding.UTF8.GetBytes(PostsCsv);

        var report = await db.ImportBytesAsync(profile, "export.csv", bytes);

        Assert.True(report.Succeeded);
        var record = Assert.Single(await RecordsAsync(db));
        Assert.Equal((ImportKind.Posts, ImportStatus.Succeeded, "export.csv"), (record.Kind, record.Status, record.FileName));
        Assert.Equal((2, 2, 0, 0), (record.RowsRead, record.Inserted, record.Updated, record.ErrorCount));
        Assert.Null(record.ErrorsJson);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), record.Sha256);
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, record.StartedUtc);
        Assert.NotNull(record.FinishedUtc);
        Assert.StartsWith("uploads/", record.StoredPath, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(db.Files.FullPath(record.StoredPath!)));
    }

    [Fact]
    public async Task AFailedImport_IsRecordedWithItsErrors_AndItsOriginalIsKeptToo()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        var report = await db.ImportTextAsync(profile, "bad.csv", "post_id,published_at,likes,comments\np1,soon,1,1\np2,2024-01-01,x,1\n");

        var record = Assert.Single(await RecordsAsync(db));
        Assert.Equal(ImportStatus.Failed, record.Status);
        Assert.Equal((2, 0, 2), (record.RowsRead, record.Inserted, record.ErrorCount));
        var errors = JsonSerializer.Deserialize<List<ImportError>>(record.ErrorsJson!)!;
        Assert.Equal(report.Errors, errors);
        Assert.True(db.Files.Exists(record.StoredPath!));
    }

    [Fact]
    public async Task ImportPaths_ImportsPostsBeforeTheFilesThatNeedThem_AndReportsMissingPaths()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var folder = Path.Combine(db.Directory, "export");
        Directory.CreateDirectory(Path.Combine(folder, "media"));
        var labels = Path.Combine(folder, "labels.csv");
        var followers = Path.Combine(folder, "followers.csv");
        var posts = Path.Combine(folder, "posts.csv");
        await File.WriteAllTextAsync(labels, "post_id,category,value\np1,topic,food\n");
        await File.WriteAllTextAsync(followers, "date,followers\n2024-01-01,100\n");
        await File.WriteAllTextAsync(posts, PostsCsv);
        await File.WriteAllBytesAsync(Path.Combine(folder, "media", "p2.png"), TestMedia.Png(3));

        var reports = await db.Import.ImportPathsAsync(profile, [Path.Combine(folder, "media"), labels, Path.Combine(folder, "nope.csv"), followers, posts]);

        Assert.Equal(["nope.csv", "posts.csv", "followers.csv", "labels.csv", "media"], reports.Select(r => r.File));
        Assert.Equal(["unknown", "posts", "followers", "labels", "media"], reports.Select(r => r.Kind));
        Assert.Equal("nope.csv", reports.Single(r => !r.Succeeded).File);
        Assert.Contains("no such file", reports.Single(r => !r.Succeeded).Errors[0].Reason);
        Assert.All(reports.Where(r => r.File != "nope.csv"), r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        await using var context = db.NewContext();
        Assert.Equal(1, await context.ManualLabels.CountAsync());
        Assert.Equal(1, await context.PostMedia.CountAsync());
        Assert.Equal(1, await context.FollowerSnapshots.CountAsync());
    }

    [Fact]
    public async Task ACancelledImport_WritesNothing_AndIsRecordedAsFailedNotLeftRunning()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var csv = new StringBuilder("post_id,published_at,likes,comments\n");
        for (var i = 0; i < 12_000; i++)
            csv.Append(CultureInfo.InvariantCulture, $"p{i},2024-01-01T10:00:00Z,{i},1\n");
        using var cancellation = new CancellationTokenSource();
        var seen = new List<long>();
        // Progress is reported inline every 5,000 rows; cancelling there is what a user's Cancel does.
        var progress = new SynchronousProgress(p => { seen.Add(p.Done); cancellation.Cancel(); });
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.Import.ImportFileAsync(profile, "posts.csv", content, progress, cancellation.Token));

        Assert.Equal([5_000L], seen);
        var record = Assert.Single(await RecordsAsync(db));
        Assert.Equal(ImportStatus.Failed, record.Status);
        Assert.NotNull(record.FinishedUtc);
        Assert.Contains("cancelled", record.ErrorsJson);
        await using var context = db.NewContext();
        Assert.Equal(0, await context.Posts.CountAsync());
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    [Fact]
    public async Task EveryImportThatChangesData_BumpsTheProfileDataVersion()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        async Task<long> VersionAsync()
        {
            await using var context = db.NewContext();
            return await context.Profiles.Where(p => p.Id == profile).Select(p => p.DataVersion).SingleAsync();
        }

        await db.ImportTextAsync(profile, "posts.csv", PostsCsv);
        var afterPosts = await VersionAsync();
        await db.ImportTextAsync(profile, "bad.csv", "post_id,published_at,likes,comments\np1,never,1,1\n");
        var afterFailure = await VersionAsync();
        await db.ImportTextAsync(profile, "followers.csv", "date,followers\n2024-01-01,100\n");

        Assert.Equal(1, afterPosts);
        Assert.Equal(afterPosts, afterFailure);
        Assert.Equal(2, await VersionAsync());
    }

    [Fact]
    public void Preview_ShowsKindMappingAndSampleRows_WithoutWriting()
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("Post ID,Publish time,Likes,Mystery\np1,2024-01-01,3,?\np2,2024-01-02,4,?\np3,2024-01-03,5,?\n"));

        var preview = ImportService.Preview("export.csv", content, sampleRows: 2);

        Assert.Equal("posts", preview.Kind);
        Assert.Equal("published_at", preview.Mapping["Publish time"]);
        Assert.False(preview.Mapping.ContainsKey("Mystery"));
        Assert.Equal(["comments"], preview.Problems);
        Assert.Equal(2, preview.SampleRows.Count);
        Assert.Equal("p2", preview.SampleRows[1][0]);
    }

    [Fact]
    public void Preview_OfABrokenFile_SaysWhereItBreaks()
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("{\"id\":1}\n"));
        using var broken = new MemoryStream(Encoding.UTF8.GetBytes("not json\n"));

        Assert.Equal("posts", ImportService.Preview("posts.jsonl", content).Kind);
        Assert.Equal(["line 1: invalid JSON"], ImportService.Preview("posts.jsonl", broken).Problems.Select(p => p[..p.IndexOf(" (", StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task AnEmptyUpload_IsAClearError()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        var report = await db.ImportTextAsync(profile, "empty.csv", "");

        Assert.Contains("empty", Assert.Single(report.Errors).Reason);
    }

    [Fact]
    public async Task ACorruptZip_IsAClearError()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        var report = await db.ImportBytesAsync(profile, "media.zip", Encoding.UTF8.GetBytes("PK but not really a zip"));

        Assert.Contains("archive cannot be read", Assert.Single(report.Errors).Reason);
        Assert.Equal(ImportStatus.Failed, Assert.Single(await RecordsAsync(db)).Status);
    }

    [Fact]
    public async Task ConcurrentFirstImports_CreateTheNewProfileOnce_AndEveryCallGetsIt()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();

        var profiles = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => db.Import.EnsureProfileAsync("race"))));

        Assert.Single(profiles.Select(p => p.Id).Distinct());
        await using var context = db.NewContext();
        Assert.Equal(1, await context.Profiles.CountAsync(p => p.Name == "race"));
    }

    [Fact]
    public async Task ConcurrentImportsIntoOneProfile_EachCountOnlyTheirOwnRows()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        string Posts(string prefix) => "post_id,published_at,likes,comments\n" + string.Concat(Enumerable.Range(0, 20_000)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}{i},2024-01-01T10:00:00Z,{i},1\n")));
        var (a, b) = (Posts("a"), Posts("b"));

        var reports = await Task.WhenAll(Task.Run(() => db.ImportTextAsync(profile, "a.csv", a)), Task.Run(() => db.ImportTextAsync(profile, "b.csv", b)));

        Assert.All(reports, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        Assert.All(reports, r => Assert.Equal((20_000, 0), (r.Inserted, r.Updated)));
        await using var context = db.NewContext();
        Assert.Equal(40_000, await context.Posts.CountAsync(p => p.ProfileId == profile));
    }
}
