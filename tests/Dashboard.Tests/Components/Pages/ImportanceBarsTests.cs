using Bunit;
using Insights.Analytics.Engagement;
using Insights.Dashboard.Components.Pages.Drivers;

namespace Insights.Dashboard.Tests.Components.Pages;

public class ImportanceBarsTests : DashboardTestContext
{
    private static FeatureImportance Importance(string feature, double mean, double sd) => new(feature, LabelSource.Automatic, mean, sd, [mean - sd, mean + sd]);

    [Theory]
    [InlineData(0, 7.3, new[] { 0.0, 2, 4, 6, 8 })]
    [InlineData(-0.4, 2.1, new[] { -0.5, 0, 0.5, 1, 1.5, 2, 2.5 })]
    [InlineData(0, 0.031, new[] { 0.0, 0.01, 0.02, 0.03, 0.04 })]
    [InlineData(0, 100, new[] { 0.0, 20, 40, 60, 80, 100 })]
    public void NiceTicks_AreRoundSteps_CoveringTheRange(double low, double high, double[] expected) =>
        Assert.Equal(expected, ImportanceGeometry.NiceTicks(low, high, 5));

    [Fact]
    public void Geometry_PutsZeroAndEveryWhiskerInsideThePlot_AndMarksBarsClearOfZero()
    {
        var geometry = ImportanceGeometry.Of([Importance("people", 0.05, 0.01), Importance("hour", 0.001, 0.004), Importance("tone", -0.003, 0.002)]);

        Assert.Equal(["people", "hour", "tone"], geometry.Rows.Select(r => r.Feature));
        Assert.Equal([true, false, false], geometry.Rows.Select(r => r.Clear));
        Assert.InRange(geometry.X(0), geometry.PlotLeft, geometry.PlotRight);
        foreach (var row in geometry.Rows)
        {
            Assert.InRange(geometry.X(row.Mean - row.Sd), geometry.PlotLeft, geometry.PlotRight);
            Assert.InRange(geometry.X(row.Mean + row.Sd), geometry.PlotLeft, geometry.PlotRight);
        }
        // Points of R²: 0.05 of R² is 5 points, drawn to the right of zero; the negative one to its left.
        Assert.Equal(5, geometry.Rows[0].Mean, 9);
        Assert.True(geometry.X(geometry.Rows[0].Mean) > geometry.X(0));
        Assert.True(geometry.X(geometry.Rows[2].Mean) < geometry.X(0));
        Assert.True(geometry.Rows[1].Y > geometry.Rows[0].Y);
    }

    [Fact]
    public void Chart_DrawsABarAndAWhiskerPerFeature_WithItsValueInWords()
    {
        AddTestServices();

        var cut = Render<ImportanceBars>(p => p.Add(c => c.Importances, [Importance("text area", 0.042, 0.006), Importance("weekday", 0.0004, 0.001)]));

        var rows = cut.FindAll("svg g[data-feature]");
        Assert.Equal(2, rows.Count);
        Assert.Equal("text area: 4.2 ± 0.6 points of R²", rows[0].QuerySelector("title")!.TextContent);
        Assert.Equal("#9e9e9e", rows[1].QuerySelector("rect")!.GetAttribute("fill"));
        Assert.Single(cut.FindAll("[data-testid=importance-png]"));
    }

    [Fact]
    public void Geometry_OfNoFeatures_HasAFiniteAxis()
    {
        var geometry = ImportanceGeometry.Of([]);

        Assert.Empty(geometry.Rows);
        Assert.NotEmpty(geometry.Ticks);
        Assert.All(geometry.Ticks, t => Assert.True(double.IsFinite(geometry.X(t))));
    }
}
