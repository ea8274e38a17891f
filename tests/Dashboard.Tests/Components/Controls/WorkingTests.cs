using Bunit;
using Insights.Dashboard.Components.Controls;
using MudBlazor;

namespace Insights.Dashboard.Tests.Components.Controls;

public class WorkingTests : DashboardTestContext
{
    public WorkingTests() => AddTestServices();

    [Fact]
    public void SaysInWordsWhatIsBeingWorkedOut_BesideAMovingBar()
    {
        var cut = Render<Working>(p => p.Add(w => w.What, "the Popularity Rate and classes of this range"));

        var text = cut.Find("[data-testid=working]").TextContent;
        Assert.Contains("Working out the Popularity Rate and classes of this range", text);
        Assert.Contains("a few seconds the first time", text);
        Assert.True(cut.FindComponent<MudProgressLinear>().Instance.Indeterminate);
    }
}
