using System.ComponentModel.DataAnnotations;

namespace Insights.Dashboard.Configuration;

/// <summary>The demo profile imported on first start. Section "Demo".</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Import the demo profile when the database has no profile yet. Default true.</summary>
    public bool ImportOnFirstStart { get; set; } = true;

    /// <summary>Folder with posts.csv, followers.csv, labels.csv and media/. Default "data/demo".</summary>
    [Required]
    public string Folder { get; set; } = "data/demo";

    /// <summary>Name of the demo profile. Default "demo".</summary>
    [Required]
    public string ProfileName { get; set; } = "demo";
}
