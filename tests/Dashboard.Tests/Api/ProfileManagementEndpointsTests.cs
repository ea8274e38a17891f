using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Tests.Api;

public class ProfileManagementEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task Rename_ChangesTheName_RefusesDigitsAndATakenName_PlatformChanges_AndEachChangeIsAudited()
    {
        using var client = app.CreateClient();
        await client.ImportAsync("rename-me", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));
        await client.ImportAsync("taken", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));

        using (var renamed = await client.PatchAsJsonAsync("/api/profiles/rename-me", new { name = "renamed" }))
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Null(await client.ProfileAsync("rename-me"));
        Assert.Equal(3, await client.PostCountAsync("renamed"));

        using (var clash = await client.PatchAsJsonAsync("/api/profiles/renamed", new { name = "taken" }))
            Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        using (var digits = await client.PatchAsJsonAsync("/api/profiles/renamed", new { name = "123" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, digits.StatusCode);
            Assert.Contains("digits only", await digits.Content.ReadAsStringAsync());
        }
        using (var unknownPlatform = await client.PatchAsJsonAsync("/api/profiles/renamed", new { platform = "myspace" }))
            Assert.Equal(HttpStatusCode.BadRequest, unknownPlatform.StatusCode);
        using (var platform = await client.PatchAsJsonAsync("/api/profiles/renamed", new { platform = "tiktok" }))
            Assert.Equal(HttpStatusCode.OK, platform.StatusCode);

        var listed = await client.ProfileAsync("renamed");
        Assert.Equal("tiktok", listed!.Value.GetProperty("platform").GetString());
        Assert.Equal(3, await client.PostCountAsync("taken"));
        var audit = await app.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: AuditActions.ProfileChange));
        Assert.Contains(audit, e => e.Details.Contains("renamed profile 'rename-me'") && e.Details.Contains("'renamed'"));
        Assert.Contains(audit, e => e.Details.Contains("to tiktok"));
    }

    [Fact]
    public async Task TimeZone_TakesOnlyIanaIds_IsAudited_AndBestTimesAndRecommendationsReadHoursInIt()
    {
        using var client = app.CreateClient();
        await client.ImportAsync("zoned", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("followers.csv", TestFiles.Utf8(TestFiles.Followers)));

        foreach (var bad in new[] { "Mars/Olympus_Mons", "Tokyo Standard Time", new string('x', 80) })
        {
            using var refused = await client.PatchAsJsonAsync("/api/profiles/zoned", new { timeZone = bad });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains("IANA", problem);
            Assert.Contains("timeZone", problem);
        }
        Assert.Equal(JsonValueKind.Null, (await client.ProfileAsync("zoned"))!.Value.GetProperty("timeZone").ValueKind);

        using (var set = await client.PatchAsJsonAsync("/api/profiles/zoned", new { timeZone = "Asia/Tokyo" }))
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        Assert.Equal("Asia/Tokyo", (await client.ProfileAsync("zoned"))!.Value.GetProperty("timeZone").GetString());
        var (status, times) = await client.GetJsonAsync("/api/profiles/zoned/best-times");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Asia/Tokyo", times.GetProperty("timeZone").GetString());
        var cells = times.GetProperty("cells").EnumerateArray().Select(c => (c.GetProperty("day").GetString(), c.GetProperty("hour").GetInt32())).ToList();
        // P1 went out on Monday 10:00 UTC, 19:00 in Tokyo; P2 on Wednesday 18:30 UTC, Thursday 03:30 in Tokyo
        Assert.Contains(("Monday", 19), cells);
        Assert.Contains(("Thursday", 3), cells);
        Assert.DoesNotContain(("Monday", 10), cells);
        var (recommended, recommendations) = await client.GetJsonAsync("/api/profiles/zoned/recommendations");
        Assert.Equal(HttpStatusCode.OK, recommended);
        Assert.Equal("Asia/Tokyo", recommendations.GetProperty("timeZone").GetString());

        using (var reset = await client.PatchAsJsonAsync("/api/profiles/zoned", new { timeZone = "" }))
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var (_, back) = await client.GetJsonAsync("/api/profiles/zoned/best-times");
        Assert.NotEqual("Asia/Tokyo", back.GetProperty("timeZone").GetString());
        var audit = await app.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: AuditActions.ProfileChange));
        Assert.Contains(audit, e => e.Details.Contains("time zone") && e.Details.Contains("to Asia/Tokyo"));
        Assert.Contains(audit, e => e.Details.Contains("from Asia/Tokyo to the configured zone"));
    }

    [Fact]
    public async Task Delete_NeedsTheNameRepeated_RemovesThePostsAndTheFilesOnlyItUsed_AndKeepsAFileAnotherProfileUses()
    {
        using var client = app.CreateClient();
        var shared = TestFiles.Png(10, 200, 30);
        var own = TestFiles.Png(220, 40, 90);
        await client.ImportAsync("keeper", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("media.zip", TestFiles.Zip(("P1.png", shared))));
        await client.ImportAsync("goner", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("media.zip", TestFiles.Zip(("P1.png", shared), ("P2.png", own))));
        var sharedPath = await StoragePathAsync(shared);
        var ownPath = await StoragePathAsync(own);
        var files = app.GetRequiredService<IFileStore>();
        Assert.True(files.Exists(sharedPath!));
        Assert.True(files.Exists(ownPath!));
        // Previews of both, as a Library page visit makes them.
        foreach (var content in new[] { shared, own })
            foreach (var size in new[] { 160, 320 })
                using (var preview = await client.GetAsync($"/media/{TestFiles.Sha256(content)}/thumbnail?size={size}"))
                    Assert.Equal("image/jpeg", preview.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, Previews(own).Length);

        using (var unconfirmed = await client.DeleteAsync("/api/profiles/goner?confirm=gone"))
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(3, await client.PostCountAsync("goner"));

        using var deleted = await client.DeleteAsync("/api/profiles/goner?confirm=goner");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var body = await deleted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(3, body.GetProperty("posts").GetInt32());
        Assert.Equal(1, body.GetProperty("mediaFiles").GetInt32());

        Assert.Null(await client.ProfileAsync("goner"));
        Assert.Equal(3, await client.PostCountAsync("keeper"));
        Assert.True(files.Exists(sharedPath!));
        Assert.False(files.Exists(ownPath!));
        Assert.Null(await StoragePathAsync(own));
        Assert.NotNull(await StoragePathAsync(shared));
        Assert.Empty(Previews(own));
        Assert.Equal(2, Previews(shared).Length);
        await using (var context = app.NewDbContext())
            Assert.Equal(0, await context.Posts.CountAsync(p => !context.Profiles.Any(profile => profile.Id == p.ProfileId)));
        var audit = await app.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: AuditActions.ProfileDelete));
        Assert.Contains(audit, e => e.Details.Contains("deleted profile 'goner'") && e.Details.Contains("3 posts"));
    }

    [Fact]
    public async Task AnAnalystWithoutTheProfile_GetsNotFound_AndACreatorIsForbidden()
    {
        using var admin = app.CreateClient();
        await admin.ImportAsync("guarded", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));
        using var stranger = await app.CreateClientFor("stranger-analyst@tests.local", [Roles.Analyst]);
        using var creator = await app.CreateClientFor("guarded-creator@tests.local", [Roles.Creator], "guarded");

        using (var response = await stranger.DeleteAsync("/api/profiles/guarded?confirm=guarded"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using (var response = await stranger.PatchAsJsonAsync("/api/profiles/guarded", new { name = "mine-now" }))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using (var response = await creator.DeleteAsync("/api/profiles/guarded?confirm=guarded"))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        Assert.Equal(3, await admin.PostCountAsync("guarded"));
    }

    // The preview files kept of a media file, any size.
    private string[] Previews(byte[] content)
    {
        var sha = TestFiles.Sha256(content);
        var folder = Path.Combine(app.DataDirectory, "cache", "thumbnails", sha[..2]);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, sha + "-*") : [];
    }

    private async Task<string?> StoragePathAsync(byte[] content)
    {
        var sha = TestFiles.Sha256(content);
        await using var context = app.NewDbContext();
        return await context.MediaAssets.Where(m => m.Sha256 == sha).Select(m => m.StoragePath).FirstOrDefaultAsync();
    }
}
