using System.Net;
using System.Text.Json;

namespace Insights.Dashboard.Tests.Api;

public class ProfileEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    private async Task<HttpClient> ClientWithProfileAsync(string profile)
    {
        var client = app.CreateClient();
        var (status, _) = await client.ImportAsync(profile,
            ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("followers.csv", TestFiles.Utf8(TestFiles.Followers)));
        Assert.Equal(HttpStatusCode.OK, status);
        return client;
    }

    private static JsonElement Post(List<JsonElement> posts, string id) => posts.Single(p => p.GetProperty("id").GetString() == id);

    [Fact]
    public async Task List_GivesEachProfilesIdNamePlatformAndPostCount()
    {
        using var client = await ClientWithProfileAsync("listed");

        var profile = await client.ProfileAsync("listed");

        Assert.NotNull(profile);
        Assert.True(profile.Value.GetProperty("id").GetInt32() > 0);
        Assert.Equal("instagram", profile.Value.GetProperty("platform").GetString());
        Assert.Equal(3, profile.Value.GetProperty("postCount").GetInt32());
    }

    [Fact]
    public async Task Posts_WithoutRange_ReturnsTheWholeHistory_WithMissingMetricsAsNull()
    {
        using var client = await ClientWithProfileAsync("history");

        var posts = await client.PostsAsync("history");

        Assert.Equal(3, posts.Count);
        var image = Post(posts, "P1");
        Assert.Equal("image", image.GetProperty("mediaType").GetString());
        Assert.Equal(new DateTime(2024, 3, 4, 10, 0, 0, DateTimeKind.Utc), image.GetProperty("publishedUtc").GetDateTime().ToUniversalTime());
        Assert.Equal((120L, 10L, 3L, 4L, 2000L), (image.GetProperty("likes").GetInt64(), image.GetProperty("comments").GetInt64(),
            image.GetProperty("shares").GetInt64(), image.GetProperty("saves").GetInt64(), image.GetProperty("impressions").GetInt64()));
        Assert.Equal("video", Post(posts, "P2").GetProperty("mediaType").GetString());

        var carousel = Post(posts, "P3");
        Assert.Equal("carousel", carousel.GetProperty("mediaType").GetString());
        Assert.Equal(JsonValueKind.Null, carousel.GetProperty("shares").ValueKind);
        Assert.Equal(JsonValueKind.Null, carousel.GetProperty("saves").ValueKind);
        Assert.Equal(JsonValueKind.Null, carousel.GetProperty("impressions").ValueKind);
        Assert.Equal(JsonValueKind.Null, carousel.GetProperty("engagementRate").ValueKind);
        Assert.Equal(80, carousel.GetProperty("likes").GetInt64());

        // Followers 10,000 on 1 March and 10,600 on 31 March: 10,060 on 4 March at 10:00.
        var followers = 10_000 + 600 * (3 + 10 / 24.0) / 30;
        Assert.Equal(Math.Round(followers, 1), image.GetProperty("followersAtPublish").GetDouble(), 6);
        Assert.Equal((120 + 10) / followers, image.GetProperty("popularityRate").GetDouble(), 9);
        Assert.Equal((120 + 10 + 3 + 4) / 2000.0, image.GetProperty("engagementRate").GetDouble(), 9);
        Assert.All(posts, p =>
        {
            Assert.Equal(JsonValueKind.Number, p.GetProperty("popularityRate").ValueKind);
            var @class = p.GetProperty("class").GetInt32();
            Assert.InRange(@class, 0, 2);
            Assert.Equal(((string[])["low", "medium", "high"])[@class], p.GetProperty("className").GetString());
        });
    }

    [Fact]
    public async Task Posts_WithFromAndTo_ReturnsTheDaysInBetween_BothEndsIncluded()
    {
        using var client = await ClientWithProfileAsync("ranged");

        var both = await client.PostsAsync("ranged", "?from=2024-03-04&to=2024-03-06");
        var fromOnly = await client.PostsAsync("ranged", "?from=2024-03-05");
        var toOnly = await client.PostsAsync("ranged", "?to=2024-03-04");

        Assert.Equal(["P1", "P2"], both.Select(p => p.GetProperty("id").GetString()).Order());
        Assert.Equal(["P2", "P3"], fromOnly.Select(p => p.GetProperty("id").GetString()).Order());
        Assert.Equal(["P1"], toOnly.Select(p => p.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("?from=04/03/2024", "from")]
    [InlineData("?to=yesterday", "to")]
    [InlineData("?from=2024-03-10&to=2024-03-01", "from")]
    public async Task Posts_WithABadDate_Returns400ProblemNamingTheField(string query, string field)
    {
        using var client = await ClientWithProfileAsync("bad-dates");

        var (status, body) = await client.GetJsonAsync("/api/profiles/bad-dates/posts" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.StartsWith(field + ":", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Posts_OfAnUnknownProfile_Returns404Problem()
    {
        using var client = app.CreateClient();

        var (status, body) = await client.GetJsonAsync("/api/profiles/nobody-by-this-name/posts");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("nobody-by-this-name", body.GetProperty("detail").GetString());
    }
    [Fact]
    public async Task Posts_CanBeAskedForByProfileId()
    {
        using var client = await ClientWithProfileAsync("by-id");
        var id = (await client.ProfileAsync("by-id"))!.Value.GetProperty("id").GetInt32();

        var posts = await client.PostsAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(3, posts.Count);
    }
}
