using Bunit;
using Insights.Dashboard.Components.Controls;

namespace Insights.Dashboard.Tests.Components.Controls;

public class KpiTests : DashboardTestContext
{
    public KpiTests() => AddTestServices();

    [Fact]
    public void Kpi_ShowsItsLabelValueAndNote()
    {
        var cut = Render<Kpi>(p => p
            .Add(k => k.Label, "Median Popularity Rate")
            .Add(k => k.Value, "1.29%")
            .Add(k => k.Note, "n = 3"));

        Assert.Contains("Median Popularity Rate", cut.Find("[data-testid=kpi]").TextContent);
        Assert.Equal("1.29%", cut.Find(".kpi-value").TextContent);
        Assert.Equal("n = 3", cut.Find(".kpi-note").TextContent);
    }

    [Fact]
    public void Kpi_WithoutANote_LeavesTheNoteEmpty()
    {
        var cut = Render<Kpi>(p => p.Add(k => k.Label, "Posts").Add(k => k.Value, "0"));

        Assert.Equal("", cut.Find(".kpi-note").TextContent);
    }
}
