using Bunit;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Components.Controls;

namespace Insights.Dashboard.Tests.Components.Controls;

public class NoProfileTests : DashboardTestContext
{
    public NoProfileTests() => AddTestServices();

    [Fact]
    public void NoProfile_LinksToTheImportPage()
    {
        var cut = Render<NoProfile>();

        var link = cut.Find("[data-testid=no-profile] a");
        Assert.Equal("/import", link.GetAttribute("href"));
        Assert.Contains("Import page", link.TextContent);
    }

    [Fact]
    public void AUserWhoMayNotImport_IsToldToAskForAProfile_NotSentToTheImportPage()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("creator@test.local");
        auth.SetRoles(Roles.Creator);
        auth.SetPolicies([.. Policies.RolesOf.Where(p => p.Value.Contains(Roles.Creator)).Select(p => p.Key)]);

        var cut = Render<NoProfile>();

        var text = cut.Find("[data-testid=no-profile]").TextContent;
        Assert.Contains("No profile is shared with you yet", text);
        Assert.Contains("administrator", text);
        Assert.Empty(cut.FindAll("a[href='/import']"));
    }
}
