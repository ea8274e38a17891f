using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Insights.Dashboard.Components;
using Insights.Dashboard.Hosting;

namespace Insights.Dashboard.Tests.Hosting;

/// <summary>
/// The URL Plotly.Blazor imports plotly.js from answers with the pinned cartesian bundle once it is in the models
/// folder (Inference:ModelsDirectory, here a temp folder), and with Plotly.Blazor's full bundle while it is not.
/// The bundle file here is written by the test (the real one comes from npm at start; the E2E pages draw with it).
/// </summary>
public sealed class PlotlyBundleTests : IAsyncLifetime
{
    private const string Url = "/" + App.PlotlyScript;

    private readonly string _models = InsightsApiFixture.NewTempDirectory();
    private readonly InsightsApiFixture _app;

    public PlotlyBundleTests()
    {
        File.WriteAllText(Path.Combine(_models, "package.json"), """{ "name": "pins", "private": true }""");
        _app = InsightsApiFixture.Create(new Dictionary<string, string?> { ["Inference:ModelsDirectory"] = _models });
    }

    private string BundlePath => Path.Combine(_models, "node_modules", PlotlyBundle.Package, PlotlyBundle.FileName);

    // Begins as the real bundle does; long and repetitive enough that gzip has something to shrink.
    private byte[] WriteBundle()
    {
        var text = new StringBuilder("/**\n* plotly.js (cartesian - minified) v3.7.0\n* Licensed under the MIT license\n*/\n");
        for (var i = 0; i < 2000; i++)
            text.Append("Plotly.register(traceModule").Append(i % 7).Append(");\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        Directory.CreateDirectory(Path.GetDirectoryName(BundlePath)!);
        File.WriteAllBytes(BundlePath, bytes);
        return bytes;
    }

    [Fact]
    public async Task WithoutThePackage_TheFullBundleIsServed_AndOnceFetched_TheCartesianOne_WithAnETagAnd304()
    {
        using var client = _app.CreateAnonymousClient();

        using var full = await client.GetAsync(Url);
        var fullBody = await full.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.StartsWith("/**\n* plotly.js v3.7.0", fullBody, StringComparison.Ordinal);
        Assert.True(fullBody.Length > 4_000_000, $"the full bundle has {fullBody.Length} characters");

        var bundle = WriteBundle();
        using var cartesian = await client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, cartesian.StatusCode);
        Assert.Equal(bundle, await cartesian.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/javascript", cartesian.Content.Headers.ContentType?.MediaType);
        Assert.Null(cartesian.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.NotNull(cartesian.Content.Headers.LastModified);
        // the same cache policy as MapStaticAssets gave the full bundle
        Assert.Equal(full.Headers.CacheControl, cartesian.Headers.CacheControl);
        var tag = cartesian.Headers.ETag ?? throw new InvalidOperationException("no ETag");
        Assert.NotEqual(full.Headers.ETag, tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, Url);
        again.Headers.IfNoneMatch.Add(tag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bundle.Length, head.Content.Headers.ContentLength);
        Assert.Equal(tag, head.Headers.ETag);
    }

    [Fact]
    public async Task AClientThatAcceptsGzip_GetsTheBundleCompressed_UnderItsOwnETag()
    {
        var bundle = WriteBundle();
        using var client = _app.CreateAnonymousClient();
        using var plain = await client.GetAsync(Url);
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        using var compressed = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal("gzip", compressed.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var body = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length < bundle.Length / 4, $"{body.Length} bytes gzipped of {bundle.Length}");
        using var unzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzip.CopyToAsync(unzipped);
        Assert.Equal(bundle, unzipped.ToArray());
        Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }
}
