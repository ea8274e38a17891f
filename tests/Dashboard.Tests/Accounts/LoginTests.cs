using System.Net;
using Insights.Dashboard.Accounts;

namespace Insights.Dashboard.Tests.Accounts;

/// <summary>The sign-in form: success, failure, lockout, antiforgery, cookies and where it sends people back to.</summary>
public sealed class LoginTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task RightPassword_SetsASecureHttpOnlyLaxCookie_AndOpensTheOverview()
    {
        using var browser = SignIn.NewBrowser(app);
        var token = await SignIn.AntiforgeryTokenAsync(browser);

        using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = InsightsApiFixture.AdminEmail,
            ["password"] = InsightsApiFixture.Password,
        }));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("insights.auth=", StringComparison.Ordinal));
        using var overview = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("Overview", await overview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_GoesBackToTheFormWithAMessage_AndIsAudited()
    {
        using var browser = SignIn.NewBrowser(app);
        await app.CreateUserAsync("wrong@tests.local", [Roles.Analyst]);

        var target = await SignIn.PostLoginAsync(browser, "wrong@tests.local", "not the password at all");
        var page = await browser.GetStringAsync(target);
        var audit = await app.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(User: "wrong@tests.local", Action: AuditActions.LoginFailed));

        Assert.Equal("/login?error=invalid", target);
        Assert.Contains("The e-mail or the password is wrong.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        Assert.Single(audit);
    }

    [Fact]
    public async Task FiveFailures_LockTheAccount_EvenForTheRightPassword()
    {
        using var browser = SignIn.NewBrowser(app);
        await app.CreateUserAsync("lockme@tests.local", [Roles.Insights]);

        for (var i = 0; i < 4; i++)
            Assert.Equal("/login?error=invalid", await SignIn.PostLoginAsync(browser, "lockme@tests.local", $"wrong password {i}"));
        var fifth = await SignIn.PostLoginAsync(browser, "lockme@tests.local", "wrong password 5");
        var right = await SignIn.PostLoginAsync(browser, "lockme@tests.local", InsightsApiFixture.Password);
        var users = await app.GetRequiredService<AccountService>().ListAsync();

        Assert.Equal("/login?error=locked", fifth);
        Assert.Equal("/login?error=locked", right);
        Assert.True(users.Single(u => u.Email == "lockme@tests.local").LockedOut);
    }

    [Fact]
    public async Task AnAdminUnlock_LetsTheUserBackIn()
    {
        using var browser = SignIn.NewBrowser(app);
        var id = await app.CreateUserAsync("unlock@tests.local", [Roles.Creator]);
        var accounts = app.GetRequiredService<AccountService>();
        await accounts.SetLockedAsync("tests", id, locked: true);
        Assert.Equal("/login?error=locked", await SignIn.PostLoginAsync(browser, "unlock@tests.local", InsightsApiFixture.Password));

        await accounts.SetLockedAsync("tests", id, locked: false);

        Assert.Equal("/", await SignIn.PostLoginAsync(browser, "unlock@tests.local", InsightsApiFixture.Password));
    }

    [Fact]
    public async Task LoginPost_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var browser = SignIn.NewBrowser(app);

        using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = InsightsApiFixture.AdminEmail,
            ["password"] = InsightsApiFixture.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("insights.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogoutPost_WithoutTheAntiforgeryToken_IsRefused_AndWithItSignsOut()
    {
        using var browser = await SignIn.SignedInBrowserAsync(app, InsightsApiFixture.AdminEmail);

        using var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        var token = await SignIn.AntiforgeryTokenAsync(browser);
        using var logout = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal("/login", logout.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task APage_AskedForWithoutSignIn_SendsToTheFormAndBackAfterIt()
    {
        using var browser = SignIn.NewBrowser(app);

        using var page = await browser.GetAsync("/popularity?profile=x");
        var back = await SignIn.PostLoginAsync(browser, InsightsApiFixture.AdminEmail, InsightsApiFixture.Password, "/popularity?profile=x");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/login?ReturnUrl=%2Fpopularity", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("/popularity?profile=x", back);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\n/evil.example/")]
    [InlineData("\t//evil.example/")]
    [InlineData("/\r\n\\evil.example/")]
    [InlineData("https:/evil.example/")]
    public async Task AReturnAddressOfAnotherSite_IsReplacedByTheOverview(string returnUrl)
    {
        using var browser = SignIn.NewBrowser(app);

        Assert.Equal("/", await SignIn.PostLoginAsync(browser, InsightsApiFixture.AdminEmail, InsightsApiFixture.Password, returnUrl));
    }

    [Theory]
    [InlineData("/popularity\nSet-Cookie: x=1", "/popularityset-cookie:%20x=1")]
    [InlineData("/library?profile=caf\u00e9", "/library?profile=caf%C3%A9")]
    public async Task AReturnAddressWithLineBreaksOrNonAsciiLetters_StaysOnTheSite_WithAValidLocation(string returnUrl, string expected)
    {
        using var browser = SignIn.NewBrowser(app);

        var back = await SignIn.PostLoginAsync(browser, InsightsApiFixture.AdminEmail, InsightsApiFixture.Password, returnUrl);

        Assert.Equal(expected, back, ignoreCase: true);
    }

    [Fact]
    public async Task ApiCalls_WithoutCredentials_Get401ProblemDetails_NotARedirect()
    {
        using var anonymous = app.CreateAnonymousClient();

        using var response = await anonymous.GetAsync("/api/profiles");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Healthz_StaysOpen()
    {
        using var anonymous = app.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }
}
