using Bunit;
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
}
