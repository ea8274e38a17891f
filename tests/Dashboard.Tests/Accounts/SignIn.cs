using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Insights.Dashboard.Tests.Accounts;

/// <summary>Signs a cookie client in through the login form, as a browser does: token from the page, then the POST.</summary>
internal static partial class SignIn
{
    public static HttpClient NewBrowser(InsightsApiFixture app) =>
        app.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<string> AntiforgeryTokenAsync(HttpClient browser)
    {
        var html = await browser.GetStringAsync("/login");
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "the login page has an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts the login form; returns the redirect target (the page after sign-in, or /login?error=...).</summary>
    public static async Task<string> PostLoginAsync(HttpClient browser, string email, string password, string? returnUrl = null)
    {
        var token = await AntiforgeryTokenAsync(browser);
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = password };
        if (returnUrl is not null)
            fields["returnUrl"] = returnUrl;
        using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public static async Task<HttpClient> SignedInBrowserAsync(InsightsApiFixture app, string email, string password = InsightsApiFixture.Password)
    {
        var browser = NewBrowser(app);
        Assert.Equal("/", await PostLoginAsync(browser, email, password));
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
