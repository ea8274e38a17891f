namespace Insights.Analytics.Annotations;

/// <summary>
/// The output of one labeler version on one media asset. A new version adds rows and never
/// overwrites history; readers take the newest successful row, so old labels serve until new ones exist.
/// </summary>
public sealed class MediaAnnotation
{
    public long Id { get; set; }

    public long MediaAssetId { get; set; }

    /// <summary>Which models, converter and thresholds produced the labels.</summary>
    public required string ModelVersion { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>The labels as JSON (plain data from the vision library); null when annotation failed.</summary>
    public string? LabelsJson { get; set; }

    /// <summary>Why the asset could not be labelled, in plain words.</summary>
    public string? Error { get; set; }

    public DateTime CreatedUtc { get; set; }
}
