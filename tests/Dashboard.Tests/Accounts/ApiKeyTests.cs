using System.Net;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Cli;
using Insights.Dashboard.Tests.Api;

namespace Insights.Dashboard.Tests.Accounts;

/// <summary>API keys: shown once, stored hashed, act as their user, revocable, last use recorded; and the command line that makes one.</summary>
public sealed class ApiKeyTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task AKey_ActsAsItsUser_UntilRevoked()
    {
        var userId = await app.CreateUserAsync("keys@tests.local", [Roles.Insights]);
        var keys = app.GetRequiredService<ApiKeyService>();
        var (secret, info) = await keys.CreateAsync("tests", userId, "script");
        using var client = app.CreateClientWithKey(secret);

        var before = await client.GetAsync("/api/profiles");
        var listed = (await keys.ListAsync(userId)).Single();
        await keys.RevokeAsync("tests", info.Id);
        var after = await client.GetAsync("/api/profiles");

        Assert.StartsWith("ins_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 47, "256 random bits in base64url plus the prefix");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.NotNull(listed.LastUsedUtc);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var audit = await app.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery());
        Assert.Contains(audit, a => a.Action == AuditActions.ApiKeyCreate && a.Details.Contains("keys@tests.local", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == AuditActions.ApiKeyRevoke && a.Details.Contains("keys@tests.local", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSecret_IsNotStored_OnlyItsHash()
    {
        var userId = await app.CreateUserAsync("hash@tests.local", [Roles.Analyst]);
        var (secret, _) = await app.GetRequiredService<ApiKeyService>().CreateAsync("tests", userId, "hash");

        await using var context = await app.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Dashboard.Accounts.Storage.AccountsDbContext>>().CreateDbContextAsync();
        var stored = context.ApiKeys.Single(k => k.UserId == userId);

        Assert.DoesNotContain(context.ApiKeys.Select(k => k.Hash + k.Prefix + k.Name).ToList(), s => s.Contains(secret, StringComparison.Ordinal));
        Assert.Equal(TestFiles.Sha256(TestFiles.Utf8(secret)), stored.Hash);
    }

    [Fact]
    public async Task AnUnknownKey_Gets401()
    {
        using var client = app.CreateClientWithKey("ins_" + new string('A', 43));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/profiles")).StatusCode);
    }

    [Fact]
    public async Task AKeyOfALockedUser_Gets401()
    {
        using var client = await app.CreateClientFor("locked-key@tests.local", [Roles.Analyst]);
        var user = await app.GetRequiredService<AccountService>().FindByEmailAsync("locked-key@tests.local");

        await app.GetRequiredService<AccountService>().SetLockedAsync("tests", user!.Id, locked: true);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/profiles")).StatusCode);
    }

    [Fact]
    public async Task Cli_ApikeyCreate_PrintsAWorkingKeyAloneOnTheLastLine()
    {
        _ = app.Services;
        await app.CreateUserAsync("cli-key@tests.local", [Roles.Analyst]);
        using var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["apikey", "create", "--user", "cli-key@tests.local", "--Storage:DataDirectory=" + app.DataDirectory], output);
        var last = output.ToString().TrimEnd().Split('\n')[^1].Trim();
        using var client = app.CreateClientWithKey(last);

        Assert.Equal(0, exit);
        Assert.Matches("^ins_[A-Za-z0-9_-]{43}$", last);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/profiles")).StatusCode);
    }

    [Fact]
    public async Task Cli_ApikeyCreate_ForAnUnknownUser_ExitsOne()
    {
        _ = app.Services;
        using var output = new StringWriter();

        var exit = await CommandLine.RunAsync(["apikey", "create", "--user", "nobody@tests.local", "--Storage:DataDirectory=" + app.DataDirectory], output);

        Assert.Equal(1, exit);
        Assert.Contains("No user 'nobody@tests.local'", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imports_AreAudited_WithTheUser()
    {
        using var client = await app.CreateClientFor("importer@tests.local", [Roles.Analyst]);

        var (status, _) = await client.ImportAsync("audited", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));
        var audit = await app.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(User: "importer@tests.local", Action: AuditActions.Import));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("posts.csv (posts) 3 inserted", Assert.Single(audit).Details, StringComparison.Ordinal);
        // The analyst created the profile, so it is theirs to see.
        Assert.Equal(3, await client.PostCountAsync("audited"));
    }
}
