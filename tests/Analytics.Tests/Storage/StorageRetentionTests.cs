using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Storage;

public class StorageRetentionTests
{
    private static async Task<StoredFile> StoreAsync(AnalyticsDatabase db, string area, string text, TimeSpan age)
    {
        var stored = await db.Files.SaveAsync(area, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), ".csv");
        File.SetLastWriteTimeUtc(db.Files.FullPath(stored.RelativePath), db.Clock.GetUtcNow().UtcDateTime - age);
        return stored;
    }

    [Fact]
    public async Task UploadsPastTheirRetention_AreDeleted_UnlessAQueuedJobStillNamesThem()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(new Dictionary<string, string?> { ["Retention:UploadDays"] = "30" });
        var old = await StoreAsync(db, "uploads", "old", TimeSpan.FromDays(31));
        var recent = await StoreAsync(db, "uploads", "recent", TimeSpan.FromDays(29));
        var waiting = await StoreAsync(db, "uploads", "waiting", TimeSpan.FromDays(40));
        await db.Services.GetRequiredService<JobQueue>().EnqueueAsync("import", "Import waiting.csv", null, $$"""{"files":[{"storedPath":"{{waiting.RelativePath}}"}]}""");

        var deleted = await db.Services.GetRequiredService<StorageRetention>().SweepAsync();

        Assert.Equal(1, deleted);
        Assert.False(db.Files.Exists(old.RelativePath));
        Assert.True(db.Files.Exists(recent.RelativePath));
        Assert.True(db.Files.Exists(waiting.RelativePath));
    }

    [Fact]
    public async Task DraftsPastTheirRetention_AreDeletedWithTheirFiles_AndAFileANewerDraftUsesStays()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(new Dictionary<string, string?> { ["Retention:DraftDays"] = "90" });
        var profile = await db.CreateProfileAsync();
        var alone = await StoreAsync(db, "drafts", "alone", TimeSpan.Zero);
        var shared = await StoreAsync(db, "drafts", "shared", TimeSpan.Zero);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using (var context = db.NewContext())
        {
            Draft Draft(StoredFile file, int ageDays) => new()
            {
                UserId = "u1", ProfileId = profile, FileName = "d.jpg", Sha256 = file.Sha256, StoragePath = file.RelativePath,
                ContentType = "image/jpeg", ModelStamp = "m", ResultJson = "{}", CreatedUtc = now.AddDays(-ageDays),
            };
            context.Drafts.AddRange(Draft(alone, 91), Draft(shared, 120), Draft(shared, 5));
            await context.SaveChangesAsync();
        }

        await db.Services.GetRequiredService<StorageRetention>().SweepAsync();

        await using var check = db.NewContext();
        Assert.Equal([5], (await check.Drafts.Select(d => d.CreatedUtc).ToListAsync()).Select(c => (int)Math.Round((now - c).TotalDays)));
        Assert.False(db.Files.Exists(alone.RelativePath));
        Assert.True(db.Files.Exists(shared.RelativePath));
    }

    [Fact]
    public async Task ARefusedUpload_IsDiscarded_ButNotWhileAnotherImportOfTheSameContentSucceeded()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        var refused = await db.ImportTextAsync(profile, "broken.csv", "post_id,published_at\nx,not a date\n");
        var accepted = await db.ImportTextAsync(profile, "posts.csv", "post_id,published_at,post_type,likes,comments\np1,2024-01-01T10:00:00Z,image,1,1\n");
        var retention = db.Services.GetRequiredService<StorageRetention>();

        Assert.False(refused.Succeeded);
        Assert.True(await retention.DiscardUploadAsync(refused.StoredPath!, jobId: null));
        Assert.False(await retention.DiscardUploadAsync(accepted.StoredPath!, jobId: null));
        Assert.False(db.Files.Exists(refused.StoredPath!));
        Assert.True(db.Files.Exists(accepted.StoredPath!));
        await using var context = db.NewContext();
        Assert.Null((await context.Imports.SingleAsync(i => i.FileName == "broken.csv")).StoredPath);
    }
}
