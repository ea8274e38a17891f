using System.Globalization;
using Insights.Analytics.Engagement;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Insights.Dashboard.Components.Pages.Drivers;

/// <summary>
/// Permutation importance as a server-drawn SVG bar chart with ± one standard deviation: it is part of the page's first
/// HTML, so the drivers page reads before plotly.js (4.8 MB) has loaded. Saved as PNG in the browser.
/// </summary>
public partial class ImportanceBars : IAsyncDisposable
{
    // About the panel's width on a laptop screen, so the 12-unit font shows near 12 px.
    internal const double Width = 480;
    internal const double LabelWidth = 120;
    internal const double ValueWidth = 96;
    internal const double RowHeight = 24;
    internal const double Top = 8;
    internal const double AxisHeight = 44;

    private ElementReference _svg;
    private IJSObjectReference? _module;

    /// <summary>The importances, most important first (as the model stores them).</summary>
    [Parameter, EditorRequired] public required IReadOnlyList<FeatureImportance> Importances { get; set; }

    /// <summary>File name of the PNG download. Default "importance.png".</summary>
    [Parameter] public string FileName { get; set; } = "importance.png";

    [Inject] public required IJSRuntime JS { get; init; }

    private ImportanceGeometry Geometry => ImportanceGeometry.Of(Importances);

    private async Task SavePngAsync()
    {
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/svg-export.js");
        await _module.InvokeVoidAsync("downloadSvgAsPng", _svg, FileName);
    }

    internal static string F(double value)
    {
        var rounded = Math.Round(value, 2);
        // Rounding a tiny negative gives -0, which would print as "-0".
        return (rounded == 0 ? 0 : rounded).ToString("0.##", CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
            return;
        try
        {
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the module.
        }
    }
}
