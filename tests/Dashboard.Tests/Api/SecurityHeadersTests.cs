using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Insights.Dashboard.Tests.Api;

/// <summary>
/// Headers of every answer, HSTS only behind HTTPS (told by a trusted proxy), and media that only a
/// user with a role may fetch, cached privately.
/// </summary>
public sealed class SecurityHeadersTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task EveryAnswer_ForbidsSniffing_AndKeepsTheAddressFromOtherSites()
    {
        using var anonymous = app.CreateAnonymousClient();

        using var page = await anonymous.GetAsync("/login");
        using var api = await anonymous.GetAsync("/api/profiles");

        foreach (var response in new[] { page, api })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Fact]
    public async Task Pages_CarryAContentSecurityPolicy_WhoseNonceIsTheImportMaps_AndNewEachTime()
    {
        using var anonymous = app.CreateAnonymousClient();

        using var first = await anonymous.GetAsync("/login");
        using var second = await anonymous.GetAsync("/login");

        // One policy (Blazor's own frame-ancestors header is turned off: ours is stricter).
        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("base-uri 'self'", directives["base-uri"]);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        var scripts = directives["script-src"];
        Assert.DoesNotContain("unsafe-inline", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", scripts, StringComparison.Ordinal);
        var nonce = System.Text.RegularExpressions.Regex.Match(scripts, "'nonce-([^']+)'").Groups[1].Value;
        Assert.True(nonce.Length >= 16, scripts);
        // The page's one inline script (Blazor's import map) carries this answer's nonce as written in the header
        // (a base64 nonce with '+' or '/' came out HTML-encoded in about one page in three: ten pages catch that);
        // the next answer has another.
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        for (var i = 0; i < 10; i++)
        {
            using var another = await anonymous.GetAsync("/login");
            var itsNonce = System.Text.RegularExpressions.Regex.Match(another.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
            Assert.Contains($"nonce=\"{itsNonce}\"", await another.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OnlyTheApiReference_MayRunInlineScripts_ForScalarWritesItsConfigurationSo()
    {
        using var admin = app.CreateClient();

        using var reference = await admin.GetAsync("/api/docs");
        using var page = await admin.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var referenceScripts = ScriptSource(reference);
        Assert.Contains("'unsafe-inline'", referenceScripts, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", referenceScripts, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", reference.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", ScriptSource(page), StringComparison.Ordinal);
    }

    private static string ScriptSource(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));

    [Fact]
    public async Task Hsts_IsSentWhenATrustedProxySaysHttps_AndOnlyThen()
    {
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var server = production.Server;

        var viaProxy = await server.SendAsync(c => Request(c, IPAddress.Loopback, "https"));
        var forged = await server.SendAsync(c => Request(c, IPAddress.Parse("203.0.113.9"), "https"));
        var plain = await server.SendAsync(c => Request(c, IPAddress.Loopback, null));

        Assert.True(viaProxy.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.False(forged.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.False(plain.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.Equal(StatusCodes.Status200OK, plain.Response.StatusCode);
    }

    [Fact]
    public async Task Media_NeedsARole_AndThumbnailsArePrivate()
    {
        using var admin = app.CreateClient();
        var posts = "Post ID,Publish time,Likes,Comments,Media\nM1,2024-01-01T10:00:00Z,10,1,red.png\n";
        var png = TestFiles.Png(200, 30, 30);
        Assert.Equal(HttpStatusCode.OK, (await admin.ImportAsync("media-roles", ("posts.csv", TestFiles.Utf8(posts)), ("media.zip", TestFiles.Zip(("red.png", png))))).Status);
        var sha = TestFiles.Sha256(png);
        using var noRole = await app.CreateClientFor("no-role@tests.local", [], "media-roles");

        using var file = await noRole.GetAsync($"/media/{sha}");
        using var thumbnailWithoutRole = await noRole.GetAsync($"/media/{sha}/thumbnail");
        using var thumbnail = await admin.GetAsync($"/media/{sha}/thumbnail");

        Assert.Equal(HttpStatusCode.Forbidden, file.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, thumbnailWithoutRole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.True(thumbnail.Headers.CacheControl!.Private);
        Assert.False(thumbnail.Headers.CacheControl.Public);
    }

    private static void Request(HttpContext context, IPAddress from, string? forwardedProto)
    {
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/login";
        context.Request.Host = new HostString("insights.example");
        context.Connection.RemoteIpAddress = from;
        if (forwardedProto is not null)
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
    }
}
