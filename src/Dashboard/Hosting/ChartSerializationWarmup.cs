using System.Text.Json;
using System.Text.Json.Serialization;
using Insights.Dashboard.Model;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Insights.Dashboard.Hosting;

/// <summary>
/// Builds, once at start and off any request, the reflection and converter state that System.Text.Json keeps for the
/// whole process about the chart types the pages draw. Plotly.Blazor serialises every chart with options of its own,
/// and building that state for its large types (a layout has hundreds of properties) took about half a second inside
/// the first chart drawn after each start. The library's options cannot be reached, but nearly all of the cost is
/// shared by any options: serialising the same shapes once with ours leaves the first chart about 8 ms of its own.
/// </summary>
public sealed class ChartSerializationWarmup(ILogger<ChartSerializationWarmup> logger) : BackgroundService
{
    // Like the library's: property names as declared, nulls left out.
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = null, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var characters = Warm();
            logger.LogDebug("Prepared chart serialisation in {Elapsed} ms ({Characters} characters)", clock.ElapsedMilliseconds, characters);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only a head start, so nothing here may stop the host: the first chart then pays for it, as it would have anyway.
            logger.LogDebug(ex, "Preparing chart serialisation failed");
        }
    }, stoppingToken);

    /// <summary>Serialises one chart of each shape the pages draw; returns the JSON's total length.</summary>
    internal static int Warm()
    {
        object[] shapes =
        [
            ChartStyle.Layout("week", "posts", logY: true, yFormat: ".1f"),
            new Config { Responsive = true, DisplayLogo = false },
            new Scatter
            {
                Name = "line", X = ["2024-01-01"], Y = [1.0], Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = ChartStyle.ImageColour, Width = 2 },
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = "#212121", Size = 6 },
                HoverTemplate = "%{x}: %{y}<extra></extra>",
            },
            BoxTrace.Of("box", [1.0, 2.0, 3.0, 4.0], ChartStyle.ImageColour),
            new Bar { Name = "bar", X = ["a"], Y = [1], Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = ChartStyle.VideoColour } },
            new HeatMap { X = ["a"], Y = ["b"], Z = [new List<object> { 1.0 }], ZMid = 1, ColorScale = new List<object> { new List<object> { 0, "#c62828" }, new List<object> { 1, "#2e7d32" } } },
        ];
        return shapes.Sum(shape => JsonSerializer.Serialize(shape, shape.GetType(), Options).Length);
    }
}
