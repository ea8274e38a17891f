using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Insights.Dashboard.Tests.Api;

/// <summary>POST /api/annotate with the real vision models (fetched and converted on first use, as in production).</summary>
public class AnnotateEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    private static string Fixture(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "tests", "Inference.Tests", "Fixtures", "Images", name);
            if (File.Exists(path))
                return path;
        }
        throw new FileNotFoundException(name);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> AnnotateAsync(HttpClient client, string fileName, byte[] content, string query = "")
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", fileName);
        using var response = await client.PostAsync("/api/annotate" + query, form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Photo_OfOneAstronaut_IsLabelledOnePerson_WithAFace_AndAnEmbedding()
    {
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);

        var (status, body) = await AnnotateAsync(client, "astronaut.png", await File.ReadAllBytesAsync(Fixture("astronaut.png")));

        Assert.Equal(HttpStatusCode.OK, status);
        var labels = body.GetProperty("labels");
        Assert.Equal("Image", labels.GetProperty("kind").GetString());
        Assert.Equal(1, labels.GetProperty("people").GetProperty("count").GetInt32());
        Assert.True(labels.GetProperty("faces").GetProperty("count").GetInt32() >= 1);
        Assert.Equal(1280, labels.GetProperty("embedding").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, labels.GetProperty("featureMap").ValueKind);
        Assert.NotEmpty(labels.GetProperty("models").EnumerateObject());
    }

    [Theory]
    [InlineData("notes.jpg", "these are not pixels", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("empty.png", "", HttpStatusCode.UnprocessableEntity)]
    public async Task BadUploads_GetA4xxNamingTheFile_AndTheAppKeepsServing(string name, string content, HttpStatusCode expected)
    {
        using var client = app.CreateClient();

        var (status, body) = await AnnotateAsync(client, name, System.Text.Encoding.UTF8.GetBytes(content));

        Assert.Equal(expected, status);
        Assert.Equal("file", body.GetProperty("field").GetString());
        Assert.Contains(name, body.GetProperty("detail").GetString());
        var (health, _) = await client.GetJsonAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health);
    }

    [Fact]
    public async Task TruncatedJpeg_Is422Corrupt()
    {
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        var demo = Fixture("astronaut.png");
        var mediaFolder = Path.Combine(Path.GetDirectoryName(demo)!, "..", "..", "..", "..", "data", "demo", "media");
        var jpeg = await File.ReadAllBytesAsync(Directory.EnumerateFiles(mediaFolder, "*.jpg").Order(StringComparer.Ordinal).First());

        var (status, body) = await AnnotateAsync(client, "cut.jpg", jpeg[..(jpeg.Length / 2)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Corrupt", body.GetProperty("reason").GetString());
    }
}
