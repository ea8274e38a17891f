using System.Net;
using Insights.Dashboard.Api;
using Insights.Dashboard.Tests.Accounts;

namespace Insights.Dashboard.Tests.Api;

/// <summary>
/// Cross-site request forgery on the API: a write signed in by the browser's cookie needs a header a
/// form cannot send and must come from this origin; the same write with an API key needs neither.
/// </summary>
public sealed class CrossSiteWriteTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task AFormPostedByAnotherSite_WithTheSignInCookie_IsRefused_AndImportsNothing()
    {
        using var browser = await SignIn.SignedInBrowserAsync(app, InsightsApiFixture.AdminEmail);

        // What a page on another port of the same host can make the browser send: a plain multipart form.
        using var forged = await ImportAsync(browser, "forged", ("Sec-Fetch-Site", "same-site"), ("Origin", "http://localhost:8081"));
        using var bare = await ImportAsync(browser, "forged");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Contains(CrossSiteWrites.RequestedWithHeader, await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.CreateClient().ProfileAsync("forged"));
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "http://localhost:8081")]
    [InlineData("Origin", "https://localhost")]
    public async Task AScriptOfAnotherOrigin_IsRefused_EvenWithTheCustomHeader(string header, string value)
    {
        using var browser = await SignIn.SignedInBrowserAsync(app, InsightsApiFixture.AdminEmail);

        using var response = await ImportAsync(browser, "cross-origin", (CrossSiteWrites.RequestedWithHeader, "XMLHttpRequest"), (header, value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await app.CreateClient().ProfileAsync("cross-origin"));
    }

    [Fact]
    public async Task AScriptOfThisSite_WithTheCustomHeader_Writes()
    {
        using var browser = await SignIn.SignedInBrowserAsync(app, InsightsApiFixture.AdminEmail);

        using var response = await ImportAsync(browser, "same-origin",
            (CrossSiteWrites.RequestedWithHeader, "XMLHttpRequest"), ("Sec-Fetch-Site", "same-origin"), ("Origin", "http://localhost"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, await app.CreateClient().PostCountAsync("same-origin"));
    }

    [Fact]
    public async Task AnApiKey_NeedsNoHeader_WhateverTheOrigin()
    {
        using var client = app.CreateClient();

        using var response = await ImportAsync(client, "by-key", ("Origin", "http://elsewhere.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string profile, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/profiles/{profile}/imports")
        {
            Content = TestFiles.Form(("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts))),
        };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }
}
