using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Reports;

/// <summary>What goes into a report and where scheduled ones are written. Section "Reports".</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Folder that scheduled reports are written to (relative to the base folder). Default empty: "reports/scheduled" in the data directory.</summary>
    public string? Folder { get; set; }

    /// <summary>How often the scheduler looks for due schedules, in minutes. Default 5.</summary>
    [Range(0.05, 1440)]
    public double CheckMinutes { get; set; } = 5;

    /// <summary>Best and worst posts shown, each. Default 5.</summary>
    [Range(1, 50)]
    public int BestWorstPosts { get; set; } = 5;

    /// <summary>Drivers shown with their partial dependence. Default 4.</summary>
    [Range(0, 20)]
    public int TopDrivers { get; set; } = 4;

    /// <summary>Train a drivers model when none is at hand (seconds to a minute on a few thousand posts). Default true.</summary>
    public bool TrainDrivers { get; set; } = true;

    /// <summary>Longest side of a thumbnail in pixels. Default 240.</summary>
    [Range(32, 1024)]
    public int ThumbnailPixels { get; set; } = 240;
}
