using System.Net;
using System.Text.Json;

namespace Insights.Dashboard.Tests.Accounts;

/// <summary>The OpenAPI document, its reference page (served offline), and request size limits.</summary>
public sealed class OpenApiTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task TheDocument_DescribesEveryApiEndpoint_WithTheApiKeyScheme()
    {
        using var client = app.CreateClient();

        var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var scheme = json.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        var posts = json.GetProperty("paths").GetProperty("/api/profiles/{profile}/posts").GetProperty("get");

        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.Contains("/api/profiles/{profile}/imports", paths);
        Assert.Contains("/api/annotate", paths);
        Assert.Contains("/api/profiles/{profile}/labels", paths);
        Assert.False(string.IsNullOrEmpty(posts.GetProperty("summary").GetString()));
        Assert.True(posts.GetProperty("responses").TryGetProperty("404", out var notFound));
        Assert.True(notFound.GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.True(json.GetProperty("components").GetProperty("schemas").TryGetProperty("ProblemDetails", out _));
    }

    [Fact]
    public async Task TheReferencePage_LoadsItsScriptFromThisServer()
    {
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/api/docs");
        using var script = await client.GetAsync("/api/docs/scalar.js");

        Assert.DoesNotContain("cdn.jsdelivr", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page.Replace("https://github.com", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "the bundled script is served");
    }

    [Fact]
    public async Task TheReferencePage_LeadsBackToTheApp_AndSignedOutSendsToTheSignInPage()
    {
        using var client = app.CreateClient();
        using var anonymous = app.CreateAnonymousClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetStringAsync("/api/docs");
        using var signedOut = await anonymous.GetAsync("/api/docs");
        using var api = await anonymous.GetAsync("/api/profiles");

        Assert.Contains("Back to Insights", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=%2Fapi%2Fdocs", signedOut.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        // Programs still get a status code, not a page.
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheDefaultLimit_Gets413ProblemDetails()
    {
        using var client = app.CreateAnonymousClient();
        using var content = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await client.PostAsync("/account/login", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnImport_MayBeLargerThanTheDefaultLimit()
    {
        using var client = app.CreateClient();
        var rows = string.Join("\n", Enumerable.Range(1, 30_000).Select(i => $"Q{i},2024-03-04T10:00:00Z,Photo,A caption long enough to add bytes,120,10,3,4,2000,"));
        var csv = TestFiles.Utf8(TestFiles.ThreePosts.Split('\n')[0] + "\n" + rows + "\n");
        Assert.True(csv.Length > 1024 * 1024);

        var (status, _) = await Api.ApiClient.ImportAsync(client, "large", ("posts.csv", csv));

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
