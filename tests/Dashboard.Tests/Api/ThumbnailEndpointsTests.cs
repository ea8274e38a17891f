using System.Net;
using ImageMagick;

namespace Insights.Dashboard.Tests.Api;

/// <summary>GET /media/{sha256}/thumbnail: small JPEGs of images, poster frames of videos, a placeholder for what cannot be previewed.</summary>
public class ThumbnailEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    private static string DemoMedia(string pattern)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var media = Path.Combine(directory.FullName, "data", "demo", "media");
            if (Directory.Exists(media))
                return Directory.EnumerateFiles(media, pattern).Order(StringComparer.Ordinal).First();
        }
        throw new DirectoryNotFoundException("data/demo/media");
    }

    private async Task<string> ImportAsync(HttpClient client, string profile, string name, byte[] content)
    {
        var posts = $"Post ID,Publish time,Likes,Comments,Media\nT1,2024-01-01T10:00:00Z,10,1,{name}\n";
        var (status, body) = await client.ImportAsync(profile, ("posts.csv", TestFiles.Utf8(posts)), ("media.zip", TestFiles.Zip((name, content))));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return TestFiles.Sha256(content);
    }

    [Fact]
    public async Task Image_GivesADownscaledJpeg_MadeOnceThenServedFromTheCache()
    {
        using var client = app.CreateClient();
        var photo = await File.ReadAllBytesAsync(DemoMedia("img_*.jpg"));
        var sha = await ImportAsync(client, "thumb-image", "photo.jpg", photo);

        using var first = await client.GetAsync($"/media/{sha}/thumbnail?size=160");
        var bytes = await first.Content.ReadAsByteArrayAsync();
        using var second = await client.GetAsync($"/media/{sha}/thumbnail?size=160");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/jpeg", first.Content.Headers.ContentType?.MediaType);
        var original = new MagickImageInfo(photo);
        var info = new MagickImageInfo(bytes);
        Assert.Equal(160u, Math.Max(info.Width, info.Height));
        Assert.Equal((double)original.Width / original.Height, (double)info.Width / info.Height, 1);
        Assert.True(bytes.Length < photo.Length);
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        // Who may see a thumbnail depends on the user: browsers may keep it, shared caches may not.
        Assert.True(first.Headers.CacheControl is { Private: true, Public: false }, first.Headers.CacheControl?.ToString());
        Assert.Single(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "cache", "thumbnails"), $"{sha}-160.jpg", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Video_GivesAPosterFrame()
    {
        using var client = app.CreateClient();
        var video = await File.ReadAllBytesAsync(DemoMedia("vid_*.mp4"));
        var sha = await ImportAsync(client, "thumb-video", "clip.mp4", video);

        using var response = await client.GetAsync($"/media/{sha}/thumbnail");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var info = new MagickImageInfo(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(MagickFormat.Jpeg, info.Format);
        Assert.InRange(Math.Max(info.Width, info.Height), 16u, 320u);
    }

    [Theory]
    [InlineData("broken.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })]
    [InlineData("broken.mp4", new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 9, 9, 9, 9, 9, 9 })]
    public async Task CorruptFile_GivesAPlaceholderThatSaysWhy_NeverA500(string name, byte[] content)
    {
        using var client = app.CreateClient();
        var sha = await ImportAsync(client, "thumb-" + Path.GetExtension(name).TrimStart('.'), name, content);

        using var response = await client.GetAsync($"/media/{sha}/thumbnail");
        using var again = await client.GetAsync($"/media/{sha}/thumbnail");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no preview", await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(response.Headers.GetValues("X-Thumbnail-Error").Single()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("image/svg+xml", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FileMissingFromTheStore_GivesAPlaceholder()
    {
        using var client = app.CreateClient();
        var sha = await ImportAsync(client, "thumb-missing", "gone.png", TestFiles.Png(9, 8, 7));
        File.Delete(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "media"), sha + ".*", SearchOption.AllDirectories).Single());

        using var response = await client.GetAsync($"/media/{sha}/thumbnail");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("missing", response.Headers.GetValues("X-Thumbnail-Error").Single());
    }

    [Fact]
    public async Task UnknownHash_Is404_AMalformedOne400_AndAnUnknownSize400()
    {
        using var client = app.CreateClient();
        var sha = await ImportAsync(client, "thumb-sizes", "p.png", TestFiles.Png(1, 2, 3));

        using var unknown = await client.GetAsync($"/media/{new string('b', 64)}/thumbnail");
        using var malformed = await client.GetAsync("/media/XYZ/thumbnail");
        using var size = await client.GetAsync($"/media/{sha}/thumbnail?size=333");
        using var tiny = await client.GetAsync($"/media/{sha}/thumbnail?size=1024");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, size.StatusCode);
        // Never upscaled: a 1-pixel image stays 1 pixel.
        Assert.Equal(1u, new MagickImageInfo(await tiny.Content.ReadAsByteArrayAsync()).Width);
    }
}
