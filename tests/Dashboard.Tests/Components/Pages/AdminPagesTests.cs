using Bunit;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Components.Pages.Admin;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Components.Pages;

/// <summary>The admin pages: users with roles and profiles, keys shown once, the audit log.</summary>
public class AdminPagesTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public AdminPagesTests() => AddTestServices();

    [Fact]
    public async Task Users_ListsEveryUserWithRolesAndProfiles()
    {
        await SeedProfileAsync("shop", TestFiles.ThreePosts);
        var profileId = (await Services.GetRequiredService<Analytics.Profiles.ProfileCatalog>().FindAsync("shop"))!.Id;
        var result = await Services.GetRequiredService<AccountService>().CreateAsync("tests", "analyst@tests.local", InsightsApiFixture.Password, [Roles.Analyst], [profileId]);
        Assert.True(result.Succeeded);

        var cut = Render<Users>();

        cut.WaitForAssertion(() => Assert.Contains("analyst@tests.local", cut.Markup, StringComparison.Ordinal), Patience);
        var row = cut.FindAll("tr").Single(r => r.TextContent.Contains("analyst@tests.local", StringComparison.Ordinal));
        Assert.Contains("Analyst", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("shop", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("active", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeys_ShowsANewKeyOnce_AndListsItWithoutTheSecret()
    {
        await SeedProfileAsync("shop", TestFiles.ThreePosts);
        await Services.GetRequiredService<AccountService>().CreateAsync("tests", "script@tests.local", InsightsApiFixture.Password, [Roles.Insights]);
        var user = await Services.GetRequiredService<AccountService>().FindByEmailAsync("script@tests.local");
        var (secret, _) = await Services.GetRequiredService<ApiKeyService>().CreateAsync("tests", user!.Id, "nightly export");

        var cut = Render<ApiKeys>();

        cut.WaitForAssertion(() => Assert.Contains("nightly export", cut.Markup, StringComparison.Ordinal), Patience);
        Assert.Contains(secret[..12], cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=new-key]"));
    }

    [Fact]
    public async Task AuditLog_ShowsWhatWasDone_FilteredByAction()
    {
        await SeedProfileAsync("shop", TestFiles.ThreePosts);
        var audit = Services.GetRequiredService<IAuditLog>();
        await audit.WriteAsync("local", AuditActions.Import, "import of posts.csv into 'shop'");
        await audit.WriteAsync(null, AuditActions.LoginFailed, "'someone' unknown user");

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/admin/audit?action={AuditActions.Import}");
        var cut = Render<Dashboard.Components.Pages.Admin.AuditLog>();

        cut.WaitForAssertion(() => Assert.Contains("import of posts.csv", cut.Markup, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain("unknown user", cut.Markup, StringComparison.Ordinal);
    }
}
