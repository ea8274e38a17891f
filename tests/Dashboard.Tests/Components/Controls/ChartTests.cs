using Bunit;
using Insights.Dashboard.Components.Controls;
using Insights.Dashboard.Model;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Insights.Dashboard.Tests.Components.Controls;

public class ChartTests : DashboardTestContext
{
    public ChartTests() => AddTestServices();

    private IRenderedComponent<Chart> RenderChart(bool empty) => Render<Chart>(p => p
        .Add(c => c.Data, new List<ITrace> { new Scatter { X = [1, 2], Y = [3, 4] } })
        .Add(c => c.Layout, ChartStyle.Layout("x", "y"))
        .Add(c => c.Title, "Followers")
        .Add(c => c.Caption, "Interpolated between snapshots.")
        .Add(c => c.TestId, "followers-chart")
        .Add(c => c.Empty, empty)
        .Add(c => c.EmptyText, "No follower snapshots imported yet."));

    [Fact]
    public void EmptyChart_ShowsItsEmptyText_AndDrawsNothing()
    {
        var cut = RenderChart(empty: true);

        var panel = cut.Find("[data-testid=followers-chart]");
        Assert.Contains("No follower snapshots imported yet.", panel.TextContent);
        Assert.Contains("Followers", panel.TextContent);
        Assert.Contains("Interpolated between snapshots.", cut.Find(".chart-caption").TextContent);
        Assert.Empty(cut.FindComponents<PlotlyChart>());
    }

    [Fact]
    public void ChartWithData_DrawsThePlot_WithoutTheEmptyText()
    {
        var cut = RenderChart(empty: false);

        Assert.Single(cut.FindComponents<PlotlyChart>());
        Assert.DoesNotContain("No follower snapshots imported yet.", cut.Markup);
    }

    [Fact]
    public void ANewVersion_RedrawsTheSameChart_RatherThanReplacingIt()
    {
        // A replaced chart element raced its own first draw ("No DOM element with id 'PlotlyChart…'").
        var cut = RenderChart(empty: false);
        var before = cut.FindComponent<PlotlyChart>().Instance;

        cut.Render(p => p.Add(c => c.Version, 1));

        Assert.Same(before, cut.FindComponent<PlotlyChart>().Instance);
    }
}
