using Plotly.Blazor.LayoutLib;

namespace Insights.Dashboard.Model;

/// <summary>Shared look of the charts: layouts, colours per class and per media type.</summary>
public static class ChartStyle
{
    public const string ImageColour = "#3949ab";
    public const string VideoColour = "#e65100";
    public const string CarouselColour = "#00897b";

    /// <summary>Colours from low (red) to high (green) for K classes.</summary>
    public static string ClassColour(int @class, int classes) => classes switch
    {
        2 => @class == 0 ? "#c62828" : "#2e7d32",
        3 => ((string[])["#c62828", "#f9a825", "#2e7d32"])[@class],
        4 => ((string[])["#c62828", "#ef6c00", "#9e9d24", "#2e7d32"])[@class],
        _ => ((string[])["#b71c1c", "#ef6c00", "#f9a825", "#7cb342", "#1b5e20"])[@class],
    };

    public static Plotly.Blazor.Layout Layout(string xTitle, string yTitle, int height = 360, bool logY = false, string? yFormat = null) => new()
    {
        Height = height,
        Margin = new Margin { L = 64, R = 16, T = 16, B = 56 },
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle } }],
        YAxis = [new YAxis
        {
            Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle },
            Type = logY ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear,
            TickFormat = yFormat,
            // On a log axis, label only 1, 2 and 5 of each decade; every minor tick crowds the axis.
            DTick = logY ? "D2" : null,
        }],
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.12m }],
        PlotBgColor = "#ffffff",
        PaperBgColor = "#ffffff",
    };

    public static string Percent(double? value, int decimals = 2) =>
        value is { } v && double.IsFinite(v) ? (v * 100).ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";
}
