using Insights.Dashboard.Hosting;

namespace Insights.Dashboard.Tests.Hosting;

/// <summary>The start-up warm-up serialises each chart shape the pages draw, so the first chart after a start does not build that state.</summary>
public class ChartSerializationWarmupTests
{
    [Fact]
    public void EveryChartShape_Serialises()
    {
        // A shape the serialiser could not handle throws here instead of being skipped quietly at start.
        var characters = ChartSerializationWarmup.Warm();
        Assert.InRange(characters, 500, int.MaxValue);
    }
}
