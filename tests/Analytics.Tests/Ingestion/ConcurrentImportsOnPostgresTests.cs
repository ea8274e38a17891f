using System.Text;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Tests.Ingestion;

/// <summary>
/// Two posts imports into one profile at the same moment on PostgreSQL, where an import into a profile without posts
/// copies straight into posts: the profile's import lock makes the second wait for the first and then merge, so both
/// succeed and report what they did. Without the lock both would copy and the second would fail on the unique index.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class ConcurrentImportsOnPostgresTests
{
    private static string PostsCsv(int from, int to, long likes)
    {
        var csv = new StringBuilder("post_id,published_at,likes,comments\n");
        for (var i = from; i <= to; i++)
            csv.Append($"p{i},2024-01-01T10:00:00Z,{likes},1\n");
        return csv.ToString();
    }

    [Fact]
    public async Task TwoImportsIntoAProfileWithoutPosts_BothSucceed_OneAfterTheOther()
    {
        await using var db = await AnalyticsDatabase.CreateAsync(StorageOptions.Postgres);
        var profile = await db.CreateProfileAsync();

        var reports = await Task.WhenAll(
            Task.Run(() => db.ImportTextAsync(profile, "first.csv", PostsCsv(1, 3_000, likes: 10))),
            Task.Run(() => db.ImportTextAsync(profile, "second.csv", PostsCsv(2_001, 5_000, likes: 20))));

        Assert.All(reports, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        Assert.Equal(5_000, reports.Sum(r => r.Inserted));
        Assert.Equal(1_000, reports.Sum(r => r.Updated));
        await using var read = db.NewContext();
        Assert.Equal(5_000, await read.Posts.CountAsync(p => p.ProfileId == profile));
        // The shared ids carry one file's values throughout: the imports did not interleave.
        var rows = await read.Posts.Where(p => p.ProfileId == profile).Select(p => new { p.PlatformPostId, p.Likes }).ToListAsync();
        var shared = rows.Where(r => int.Parse(r.PlatformPostId[1..]) is >= 2_001 and <= 3_000).Select(r => r.Likes).Distinct().ToList();
        Assert.Single(shared);
    }
}
