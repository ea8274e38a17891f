using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Popularity;

/// <summary>How popularity classes are formed. Section "Popularity".</summary>
public sealed class PopularityOptions
{
    public const string Section = "Popularity";

    /// <summary>Number of classes K (2 to 5). Default 3: low, medium, high.</summary>
    [Range(2, 5)]
    public int Classes { get; set; } = 3;

    /// <summary>Width of the rolling window centred on each post, in weeks. Default 8.</summary>
    [Range(1, 520)]
    public double WindowWeeks { get; set; } = 8;

    /// <summary>A window with fewer posts of the same media group widens until it has this many. Default 12.</summary>
    [Range(2, 10_000)]
    public int MinPostsPerWindow { get; set; } = 12;
}

/// <summary>The denominator of the rate that classes rank. Followers gives the Popularity Rate (PoR).</summary>
public enum EngagementBase
{
    Followers = 0,
    Reach = 1,
    Impressions = 2,
}

/// <summary>The class settings of one computation (page choices override the configured defaults).</summary>
public sealed record ClassSettings(int Classes, double WindowWeeks, int MinPostsPerWindow, EngagementBase Base = EngagementBase.Followers)
{
    public static ClassSettings From(PopularityOptions options) => new(options.Classes, options.WindowWeeks, options.MinPostsPerWindow);

    public double HalfWidthDays => WindowWeeks * 7 / 2;

    public static string ClassName(int @class, int classes) => classes switch
    {
        2 => @class == 0 ? "low" : "high",
        3 => ((string[])["low", "medium", "high"])[@class],
        4 => ((string[])["low", "lower-mid", "upper-mid", "high"])[@class],
        _ => ((string[])["lowest", "low", "medium", "high", "highest"])[@class],
    };
}
