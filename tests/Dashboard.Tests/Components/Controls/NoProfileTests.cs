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
        SignInAs("creator@test.local", Roles.Creator);

        var cut = Render<NoProfile>();

        var text = cut.Find("[data-testid=no-profile]").TextContent;
        Assert.Contains("No profile is shared with you yet", text);
        Assert.Contains("administrator", text);
        Assert.Empty(cut.FindAll("a[href='/import']"));
    }
}
