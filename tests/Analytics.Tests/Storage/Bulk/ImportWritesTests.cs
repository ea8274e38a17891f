using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Storage.Bulk;

/// <summary>
/// The writes each provider gives an import of follower snapshots and manual labels
/// (<see cref="DatabaseProvider.WriteFollowerSnapshotsAsync"/>, <see cref="DatabaseProvider.ReplaceManualLabelsAsync"/>),
/// inside a transaction the way the importers open it.
/// </summary>
public class ImportWritesTests
{
    /// <summary>The database these tests run on; the PostgreSQL run derives from this class.</summary>
    protected virtual string Provider => StorageOptions.Sqlite;

    private static async Task WriteAsync(AnalyticsDatabase db, int profile, long post, int day, bool commit)
    {
        await using var context = db.NewContext();
        await context.Database.OpenConnectionAsync();
        await using var transaction = await context.Database.BeginTransactionAsync();
        var database = db.Services.GetRequiredService<DatabaseProvider>();
        await database.WriteFollowerSnapshotsAsync(context, profile, new Dictionary<DateOnly, long> { [new DateOnly(2024, 1, day)] = 100 + day }, CancellationToken.None);
        await database.ReplaceManualLabelsAsync(context, new Dictionary<(long, string), HashSet<string>> { [(post, "topic")] = [$"v{day}"] }, CancellationToken.None);
        if (commit)
            await transaction.CommitAsync();
        else
            await transaction.RollbackAsync();
    }

    [Fact]
    public async Task ARolledBackImport_LeavesNoRows_AndTheNextOneOnTheSameConnectionWrites()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        Assert.True((await db.ImportTextAsync(profile, "posts.csv", "post_id,published_at,likes,comments\np1,2024-01-01T10:00:00Z,1,1\n")).Succeeded);
        await using var read = db.NewContext();
        var post = await read.Posts.Select(p => p.Id).SingleAsync();

        await WriteAsync(db, profile, post, day: 1, commit: false);
        Assert.Equal(0, await read.FollowerSnapshots.CountAsync());
        Assert.Equal(0, await read.ManualLabels.CountAsync());

        // A pooled connection comes back with no staging table left from the rolled-back write.
        await WriteAsync(db, profile, post, day: 2, commit: true);
        var snapshot = await read.FollowerSnapshots.AsNoTracking().SingleAsync();
        Assert.Equal((new DateOnly(2024, 1, 2), 102L), (snapshot.Date, snapshot.Followers));
        Assert.Equal("v2", await read.ManualLabels.Select(l => l.Value).SingleAsync());
    }
}
