using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Tests.Ingestion;

public class FollowerImporterTests
{
    /// <summary>The database these tests run on; the PostgreSQL run derives from this class.</summary>
    protected virtual string Provider => StorageOptions.Sqlite;

    [Fact]
    public async Task Snapshots_AreImported_AndReimportingUpdatesByDate()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        var first = await db.ImportTextAsync(profile, "followers.csv", "Date,Follower count\n2024-01-01,\"1,000\"\n2024-02-01,1.2K\n");
        var second = await db.ImportTextAsync(profile, "followers.csv", "Date,Follower count\n2024-02-01,1300\n2024-03-01,1500\n");

        Assert.Equal("followers", first.Kind);
        Assert.Equal((2, 0), (first.Inserted, first.Updated));
        Assert.Equal((1, 1), (second.Inserted, second.Updated));
        await using var context = db.NewContext();
        var snapshots = await context.FollowerSnapshots.Where(s => s.ProfileId == profile).OrderBy(s => s.Date).ToListAsync();
        Assert.Equal([1_000L, 1_300L, 1_500L], snapshots.Select(s => s.Followers));
        Assert.Equal(new DateOnly(2024, 3, 1), snapshots[^1].Date);
    }

    [Fact]
    public async Task ManySnapshots_AreWrittenWhole_AndImportingTheSameFileAgainChangesNothing()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();
        var other = await db.CreateProfileAsync("other");
        var start = new DateOnly(2020, 1, 1);
        var csv = "Date,Followers\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"{start.AddDays(i):yyyy-MM-dd},{10_000 + i * 3}\n"));
        Assert.True((await db.ImportTextAsync(other, "followers.csv", "Date,Followers\n2020-01-01,5\n")).Succeeded);

        var first = await db.ImportTextAsync(profile, "followers.csv", csv);
        var again = await db.ImportTextAsync(profile, "followers.csv", csv);

        Assert.Equal((3000, 0), (first.Inserted, first.Updated));
        Assert.Equal((0, 3000), (again.Inserted, again.Updated));
        await using var context = db.NewContext();
        var snapshots = await context.FollowerSnapshots.Where(s => s.ProfileId == profile).OrderBy(s => s.Date).ToListAsync();
        Assert.Equal(3000, snapshots.Count);
        Assert.Equal((start, 10_000L), (snapshots[0].Date, snapshots[0].Followers));
        Assert.Equal((start.AddDays(2999), 10_000L + 2999 * 3), (snapshots[^1].Date, snapshots[^1].Followers));
        // The other profile's snapshot on the same date is its own.
        Assert.Equal(5L, (await context.FollowerSnapshots.SingleAsync(s => s.ProfileId == other)).Followers);
    }

    [Fact]
    public async Task SlashDates_FollowTheConfiguredOrder_LikePostTimestamps()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider, new Dictionary<string, string?> { ["Import:SlashDateOrder"] = "DMY" });
        var profile = await db.CreateProfileAsync();

        var report = await db.ImportTextAsync(profile, "followers.csv", "date,followers\n05/03/2024,1000\n25/12/2024,1500\n");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        await using var context = db.NewContext();
        var dates = await context.FollowerSnapshots.OrderBy(s => s.Date).Select(s => s.Date).ToListAsync();
        Assert.Equal([new DateOnly(2024, 3, 5), new DateOnly(2024, 12, 25)], dates);
    }

    [Fact]
    public async Task BadRows_AreAllReportedWithTheirColumn_AndNothingIsWritten()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(Provider);
        var profile = await db.CreateProfileAsync();

        var report = await db.ImportTextAsync(profile, "followers.csv",
            "Date,Followers\n2024-01-01,1000\n2024-13-01,1100\n2024-03-01,-5\n,\n");

        Assert.Equal([(3L, "Date"), (4L, "Followers"), (5L, "Date"), (5L, "Followers")], report.Errors.Select(e => (e.Line, e.Column!)));
        await using var context = db.NewContext();
        Assert.Equal(0, await context.FollowerSnapshots.CountAsync());
    }
}
