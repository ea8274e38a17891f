using System.Net;
using Insights.Dashboard.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Accounts;

/// <summary>
/// Sign-in abuse: attempts are rate limited per address and per account name (429 with Retry-After),
/// an unknown e-mail costs the same password hashing as a known one, and failed passwords that lock
/// an account never stop its API keys.
/// </summary>
public sealed class SignInThrottleTests
{
    [Fact]
    public async Task ManyAttemptsOnOneAccount_Get429WithRetryAfter_WhileOtherAccountsStillSignIn()
    {
        await using var app = InsightsApiFixture.Create(new Dictionary<string, string?> { ["Insights:SignIn:PerAccountAttempts"] = "3" });
        using var browser = SignIn.NewBrowser(app);
        await app.CreateUserAsync("target@tests.local", [Roles.Analyst]);

        for (var i = 0; i < 3; i++)
            Assert.Equal("/login?error=invalid", await SignIn.PostLoginAsync(browser, "target@tests.local", $"guess number {i}"));
        using var fourth = await PostAsync(browser, " TARGET@tests.local", InsightsApiFixture.Password);
        var other = await SignIn.PostLoginAsync(browser, InsightsApiFixture.AdminEmail, InsightsApiFixture.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.InRange(int.Parse(fourth.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 300);
        Assert.Contains("Too many sign-in attempts", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(fourth.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("insights.auth=", StringComparison.Ordinal));
        Assert.Equal("/", other);
    }

    [Fact]
    public async Task ManyAttemptsFromOneAddress_Get429_WhateverTheAccount()
    {
        await using var app = InsightsApiFixture.Create(new Dictionary<string, string?> { ["Insights:SignIn:PerAddressAttempts"] = "4" });
        using var browser = SignIn.NewBrowser(app);

        for (var i = 0; i < 4; i++)
            Assert.Equal("/login?error=invalid", await SignIn.PostLoginAsync(browser, $"nobody{i}@tests.local", "some password here"));
        using var fifth = await PostAsync(browser, InsightsApiFixture.AdminEmail, InsightsApiFixture.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.True(fifth.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task AnUnknownEmail_CostsTheSamePasswordHashing_AsAKnownOne()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = InsightsApiFixture.Create();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<IdentityUser>>(hasher)));
        await app.CreateUserAsync("known@tests.local", [Roles.Analyst]);
        using var browser = counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // A browser, not a script: the factory's clients carry the admin's key.
        browser.DefaultRequestHeaders.Remove(ApiKeyService.Header);

        var before = hasher.Verifications;
        Assert.Equal("/login?error=invalid", await SignIn.PostLoginAsync(browser, "known@tests.local", "not the right password"));
        var known = hasher.Verifications - before;
        before = hasher.Verifications;
        Assert.Equal("/login?error=invalid", await SignIn.PostLoginAsync(browser, "unknown@tests.local", "not the right password"));
        var unknown = hasher.Verifications - before;

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task FailedPasswordsThatLockAnAccount_LeaveItsApiKeyWorking_ButAnAdministratorsLockStopsIt()
    {
        await using var app = InsightsApiFixture.Create();
        using var key = await app.CreateClientFor("victim@tests.local", [Roles.Analyst]);
        using var attacker = SignIn.NewBrowser(app);

        for (var i = 0; i < 5; i++)
            await SignIn.PostLoginAsync(attacker, "victim@tests.local", $"anonymous guess {i}");
        var accounts = app.GetRequiredService<AccountService>();
        var locked = (await accounts.ListAsync()).Single(u => u.Email == "victim@tests.local").LockedOut;
        using var whileLocked = await key.GetAsync("/api/profiles");
        var user = await accounts.FindByEmailAsync("victim@tests.local");
        await accounts.SetLockedAsync("tests", user!.Id, locked: true);
        using var afterAdminLock = await key.GetAsync("/api/profiles");

        Assert.True(locked);
        Assert.Equal(HttpStatusCode.OK, whileLocked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterAdminLock.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string email, string password)
    {
        var token = await SignIn.AntiforgeryTokenAsync(browser);
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = email,
            ["password"] = password,
        }));
    }

    /// <summary>The real hasher, counting how often a password is checked against a hash.</summary>
    private sealed class CountingPasswordHasher : PasswordHasher<IdentityUser>
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public override PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
