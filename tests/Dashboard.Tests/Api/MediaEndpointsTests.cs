using System.Net;

namespace Insights.Dashboard.Tests.Api;

public class MediaEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task StoredMedia_IsServedByItsHash_WithTheTypeSniffedFromItsContent()
    {
        using var client = app.CreateClient();
        var image = TestFiles.Png(10, 120, 240);
        // Named .jpg, but it is a PNG: the type comes from the bytes, not the name.
        var (status, _) = await client.ImportAsync("media",
            ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("media.zip", TestFiles.Zip(("P1.jpg", image))));
        Assert.Equal(HttpStatusCode.OK, status);

        using var response = await client.GetAsync($"/media/{TestFiles.Sha256(image)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(image, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UnknownHash_Is404_AndAMalformedId_Is400()
    {
        using var client = app.CreateClient();

        using var unknown = await client.GetAsync($"/media/{new string('a', 64)}");
        using var malformed = await client.GetAsync("/media/not-a-hash");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }
    [Fact]
    public async Task StoredMedia_AnswersRangeRequests_AndIsCachedForGood()
    {
        using var client = app.CreateClient();
        var image = TestFiles.Png(77, 77, 77);
        await client.ImportAsync("ranges", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("media.zip", TestFiles.Zip(("P3.png", image))));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/media/{TestFiles.Sha256(image)}");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 7);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(image[..8], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(image.Length, response.Content.Headers.ContentRange?.Length);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
    }
}
