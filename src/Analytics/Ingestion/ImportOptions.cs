using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Ingestion;

/// <summary>How exports are read. Section "Import".</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Time zone (IANA or Windows id) for timestamps that carry no offset. Default "UTC".</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Order of day and month in slash dates such as 03/04/2024: "MDY" (platform exports, default) or "DMY".</summary>
    [RegularExpression("^(MDY|DMY)$")]
    public string SlashDateOrder { get; set; } = "MDY";

    /// <summary>How many errors a report lists; all are counted. Default 1000.</summary>
    [Range(1, 1_000_000)]
    public int MaxReportedErrors { get; set; } = 1000;

    /// <summary>Largest media file accepted, in bytes. Default 512 MB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxMediaFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest total of media unpacked from one archive, in bytes. Default 8 GB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxArchiveBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>
    /// Most bytes a zip may unpack to per byte of its own size, counted on the bytes read. Photos and videos are
    /// compressed already and barely shrink in a zip; a far higher ratio is an archive bomb. Default 100.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxArchiveExpansionRatio { get; set; } = 100;

    /// <summary>Most files accepted from one archive. Default 100,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxArchiveEntries { get; set; } = 100_000;

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
