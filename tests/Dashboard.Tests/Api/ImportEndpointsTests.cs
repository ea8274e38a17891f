using System.Net;
using System.Text.Json;

namespace Insights.Dashboard.Tests.Api;

public class ImportEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task PostsCsv_WithPlatformHeaders_CreatesTheProfileAndInsertsEveryPost()
    {
        using var client = app.CreateClient();
        Assert.Null(await client.ProfileAsync("brand-new"));

        var (status, body) = await client.ImportAsync("brand-new", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("brand-new", body.GetProperty("profile").GetString());
        Assert.Equal(3, body.GetProperty("inserted").GetInt32());
        Assert.Equal(0, body.GetProperty("updated").GetInt32());
        var file = Assert.Single(body.GetProperty("files").EnumerateArray());
        Assert.Equal("posts.csv", file.GetProperty("file").GetString());
        Assert.Equal("posts", file.GetProperty("kind").GetString());
        Assert.Equal(3, file.GetProperty("rowsRead").GetInt64());
        Assert.Equal(3, await client.PostCountAsync("brand-new"));
    }

    [Fact]
    public async Task SamePostsCsv_PostedAgain_UpdatesEveryPost_AndDuplicatesNone()
    {
        using var client = app.CreateClient();
        await client.ImportAsync("reimport", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));
        var changed = TestFiles.ThreePosts.Replace("P1,2024-03-04T10:00:00Z,Photo,First photo,120,", "P1,2024-03-04T10:00:00Z,Photo,First photo,150,", StringComparison.Ordinal);

        var (status, body) = await client.ImportAsync("reimport", ("posts.csv", TestFiles.Utf8(changed)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("inserted").GetInt32());
        Assert.Equal(3, body.GetProperty("updated").GetInt32());
        Assert.Equal(3, await client.PostCountAsync("reimport"));
        var posts = await client.PostsAsync("reimport");
        Assert.Equal(["P1", "P2", "P3"], posts.Select(p => p.GetProperty("id").GetString()).Order());
        Assert.Equal(150, posts.Single(p => p.GetProperty("id").GetString() == "P1").GetProperty("likes").GetInt64());
    }

    [Fact]
    public async Task PostsCsv_WithBadRows_Returns422ListingEveryBadValue_AndWritesNothing()
    {
        using var client = app.CreateClient();
        await client.ImportAsync("careful", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));
        var csv = TestFiles.PostsHeader + "\n" +
            "G1,2024-04-01T10:00:00Z,Photo,fine,10,1,,,,\n" +        // line 2: good
            "B1,not a date,Photo,bad date,10,1,,,,\n" +               // line 3
            "B2,2024-04-02T10:00:00Z,Photo,negative,-5,1,,,,\n" +     // line 4
            "B3,2024-04-03T10:00:00Z,Photo,words,many,1,,,,\n" +      // line 5
            ",2024-04-04T10:00:00Z,Photo,no id,10,1,,,,\n";           // line 6

        var (status, body) = await client.ImportAsync("careful", ("bad-posts.csv", TestFiles.Utf8(csv)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(422, body.GetProperty("status").GetInt32());
        Assert.Contains("bad-posts.csv", body.GetProperty("detail").GetString());
        var errors = body.GetProperty("errors").EnumerateArray()
            .Select(e => (File: e.GetProperty("file").GetString(), Line: e.GetProperty("line").GetInt64(), Column: e.GetProperty("column").GetString(), Reason: e.GetProperty("reason").GetString()))
            .OrderBy(e => e.Line).ToList();
        Assert.Equal([(3L, "Publish time"), (4L, "Likes"), (5L, "Likes"), (6L, "Post ID")], errors.Select(e => (e.Line, e.Column)));
        Assert.All(errors, e => Assert.Equal("bad-posts.csv", e.File));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Contains("not a date", errors[0].Reason);
        Assert.Equal(4, body.GetProperty("errorCount").GetInt32());
        // The good row of the same file is not written either: a file imports whole or not at all.
        Assert.Equal(3, await client.PostCountAsync("careful"));
        Assert.DoesNotContain(await client.PostsAsync("careful"), p => p.GetProperty("id").GetString() == "G1");
    }

    [Fact]
    public async Task ANewProfileNamedWithDigitsOnly_Is400WithTheReason_ForDigitsAddressTheProfileWithThatId()
    {
        using var client = app.CreateClient();
        var posts = ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts));
        await client.ImportAsync("named-by-letters", posts);
        var id = (await client.ProfileAsync("named-by-letters"))!.Value.GetProperty("id").GetInt32();
        var future = (id + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (refused, problem) = await client.ImportAsync(future, posts);
        var (byId, imported) = await client.ImportAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), posts);

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("digits only", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await client.ProfileAsync(future));
        Assert.Equal(HttpStatusCode.OK, byId);
        Assert.Equal("named-by-letters", imported.GetProperty("profile").GetString());
    }

    [Fact]
    public async Task FailedFirstImport_IntoANewProfileName_LeavesNoEmptyProfile()
    {
        using var client = app.CreateClient();
        var csv = TestFiles.PostsHeader + "\nB1,not a date,Photo,bad date,10,1,,,,\n";

        var (status, _) = await client.ImportAsync("never-made", ("bad.csv", TestFiles.Utf8(csv)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Null(await client.ProfileAsync("never-made"));
    }

    [Fact]
    public async Task PostsFollowersLabelsAndMediaZip_InOneUpload_AllImport()
    {
        using var client = app.CreateClient();
        var image = TestFiles.Png(200, 30, 30);
        var zip = TestFiles.Zip(("P1.png", image), ("P2.png", TestFiles.Png(30, 200, 30)));

        var (status, body) = await client.ImportAsync("full",
            ("media.zip", zip), ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)),
            ("followers.csv", TestFiles.Utf8(TestFiles.Followers)), ("labels.csv", TestFiles.Utf8(TestFiles.Labels)));

        Assert.Equal(HttpStatusCode.OK, status);
        var files = body.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("file").GetString()!, f => f);
        Assert.Equal("posts", files["posts.csv"].GetProperty("kind").GetString());
        Assert.Equal("followers", files["followers.csv"].GetProperty("kind").GetString());
        Assert.Equal(2, files["followers.csv"].GetProperty("inserted").GetInt32());
        Assert.Equal("labels", files["labels.csv"].GetProperty("kind").GetString());
        Assert.Equal(3, files["labels.csv"].GetProperty("inserted").GetInt32());
        Assert.Equal("media", files["media.zip"].GetProperty("kind").GetString());
        Assert.Equal(2, files["media.zip"].GetProperty("rowsRead").GetInt64());
        Assert.Equal(3, await client.PostCountAsync("full"));
    }

    [Fact]
    public async Task OneUpload_WithLabelsAndFollowersBeforePosts_ImportsThePostsFirst()
    {
        using var client = app.CreateClient();

        var (status, body) = await client.ImportAsync("any-order",
            ("labels.csv", TestFiles.Utf8(TestFiles.Labels)), ("followers.csv", TestFiles.Utf8(TestFiles.Followers)),
            ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(["posts.csv", "followers.csv", "labels.csv"], body.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file").GetString()));
        Assert.Equal(3 + 2 + 3, body.GetProperty("inserted").GetInt32());
    }

    [Fact]
    public async Task NewFollowers_ChangeThePostsRates_OnTheNextRead()
    {
        using var client = app.CreateClient();
        await client.ImportAsync("rescored", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));
        Assert.All(await client.PostsAsync("rescored"), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("popularityRate").ValueKind));

        await client.ImportAsync("rescored", ("followers.csv", TestFiles.Utf8(TestFiles.Followers)));

        Assert.All(await client.PostsAsync("rescored"), p => Assert.Equal(JsonValueKind.Number, p.GetProperty("popularityRate").ValueKind));
    }

    [Fact]
    public async Task ChangedMetrics_ShowOnTheNextRead()
    {
        using var client = app.CreateClient();
        await client.ImportAsync("changed", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));
        Assert.Equal(120, (await client.PostsAsync("changed")).Single(p => p.GetProperty("id").GetString() == "P1").GetProperty("likes").GetInt64());

        await client.ImportAsync("changed", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts.Replace(",First photo,120,", ",First photo,999,", StringComparison.Ordinal))));

        Assert.Equal(999, (await client.PostsAsync("changed")).Single(p => p.GetProperty("id").GetString() == "P1").GetProperty("likes").GetInt64());
    }

    [Fact]
    public async Task MediaZip_WithATextFileNamedJpg_Returns422NamingTheEntry()
    {
        using var client = app.CreateClient();
        await client.ImportAsync("fake-media", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));
        var zip = TestFiles.Zip(("P1.png", TestFiles.Png(1, 2, 3)), ("photos/P2.jpg", TestFiles.Utf8("this is a text file, not a photo")));

        var (status, body) = await client.ImportAsync("fake-media", ("media.zip", zip));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("media.zip", error.GetProperty("file").GetString());
        Assert.Equal("photos/P2.jpg", error.GetProperty("column").GetString());
        Assert.Contains("not a supported image or video", error.GetProperty("reason").GetString());
        var profileId = (await client.ProfileAsync("fake-media"))!.Value.GetProperty("id").GetInt32();
        await using var context = app.NewDbContext();
        Assert.False(context.PostMedia.Any(m => m.Post!.ProfileId == profileId), "a failed media import links nothing, not even its good files");
    }

    [Fact]
    public async Task Request_WithoutFiles_Returns400NamingTheField()
    {
        using var client = app.CreateClient();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };

        using var response = await client.PostAsync("/api/profiles/nofile/imports", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("file", body.RootElement.GetProperty("field").GetString());
        Assert.Null(await client.ProfileAsync("nofile"));
    }
    [Fact]
    public async Task PostsAsJsonLines_InTheShapeOfTheInstagramGraphApi_Import()
    {
        using var client = app.CreateClient();
        // The fields and formats of Instagram's Graph API media objects: like_count, comments_count, "+0000" offsets, CAROUSEL_ALBUM.
        // The first object names every column (the reader takes the columns from it).
        var lines = "{\"id\": \"17900000000000001\", \"timestamp\": \"2024-05-01T12:00:00+0000\", \"media_type\": \"VIDEO\", \"like_count\": 12, \"comments_count\": 3, \"impressions\": null}\n" +
                    "{\"id\": \"17900000000000002\", \"timestamp\": \"2024-05-02T14:00:00+0200\", \"media_type\": \"CAROUSEL_ALBUM\", \"like_count\": 7, \"comments_count\": 0, \"impressions\": 900}\n";

        var (status, body) = await client.ImportAsync("jsonl", ("media.jsonl", TestFiles.Utf8(lines)));

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(2, body.GetProperty("inserted").GetInt32());
        var posts = await client.PostsAsync("jsonl");
        Assert.Equal(("video", 12L, 3L), (posts[0].GetProperty("mediaType").GetString(), posts[0].GetProperty("likes").GetInt64(), posts[0].GetProperty("comments").GetInt64()));
        Assert.Equal(("carousel", 900L), (posts[1].GetProperty("mediaType").GetString(), posts[1].GetProperty("impressions").GetInt64()));
        Assert.Equal(new DateTime(2024, 5, 2, 12, 0, 0, DateTimeKind.Utc), posts[1].GetProperty("publishedUtc").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task EmptyFile_Returns422SayingSo()
    {
        using var client = app.CreateClient();

        var (status, body) = await client.ImportAsync("empty-file", ("posts.csv", []));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("posts.csv", error.GetProperty("file").GetString());
        Assert.Contains("empty", error.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ProfileNameOver100Characters_Returns400NamingTheField_AndCreatesNothing()
    {
        using var client = app.CreateClient();
        var name = new string('x', 101);

        var (status, body) = await client.ImportAsync(name, ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("profile", body.GetProperty("field").GetString());
        Assert.Null(await client.ProfileAsync(name));
    }
}
