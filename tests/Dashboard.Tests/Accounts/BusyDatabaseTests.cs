using System.Net;
using Microsoft.Data.Sqlite;

namespace Insights.Dashboard.Tests.Accounts;

/// <summary>
/// While another connection holds the database's write lock (as a long import would), the writes a sign-in or an
/// API call makes on the side (lockout counter, audit entry, a key's last use) give up and the request still succeeds.
/// </summary>
public sealed class BusyDatabaseTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task SignIn_AndAnApiCall_Succeed_WhileTheDatabaseTakesNoWrite()
    {
        const string email = "busy@tests.local";
        await app.CreateUserAsync(email, ["Analyst"]);
        using var browser = SignIn.NewBrowser(app);
        // One failure first, so that the success must reset the lockout counter: a write.
        Assert.Contains("error=invalid", await SignIn.PostLoginAsync(browser, email, "not the password at all"), StringComparison.Ordinal);
        // A key never used yet: its first call records its last use, a write.
        using var api = await app.CreateClientFor("busy-key@tests.local", ["Analyst"]);
        using var wrongBrowser = SignIn.NewBrowser(app);
        var wrongToken = await SignIn.AntiforgeryTokenAsync(wrongBrowser);
        var token = await SignIn.AntiforgeryTokenAsync(browser);

        await using var holder = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "insights.db")}");
        await holder.OpenAsync();
        await using var transaction = holder.BeginTransaction(deferred: false);

        using var signIn = await browser.PostAsync("/account/login", Form(token, email, InsightsApiFixture.Password));
        using var wrong = await wrongBrowser.PostAsync("/account/login", Form(wrongToken, email, "still not the password"));
        using var call = await api.GetAsync("/api/profiles");
        transaction.Rollback();

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("insights.auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.Contains("error=invalid", wrong.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    private static FormUrlEncodedContent Form(string token, string email, string password) =>
        new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = password });
}
