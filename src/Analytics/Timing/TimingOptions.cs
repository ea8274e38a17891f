using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Timing;

/// <summary>How posting times are analysed. Section "Timing".</summary>
public sealed class TimingOptions
{
    public const string Section = "Timing";

    /// <summary>Time zone (IANA or Windows id) weekdays and hours are read in; empty uses Import:TimeZone. Default empty.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>Cells and slots with fewer posts are greyed and never listed as best. Default 10.</summary>
    [Range(2, 10_000)]
    public int MinPostsPerCell { get; set; } = 10;
}
