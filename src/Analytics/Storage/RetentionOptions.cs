using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Storage;

/// <summary>How long stored files are kept. Section "Retention". A refused import's upload is deleted at once.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days an uploaded original (imported, or chosen on the Import page and never imported) is kept; 0 keeps them. Default 30.</summary>
    [Range(0, 36_500)]
    public int UploadDays { get; set; } = 30;

    /// <summary>Days a draft (a prediction and its file) is kept; 0 keeps them. Default 90.</summary>
    [Range(0, 36_500)]
    public int DraftDays { get; set; } = 90;

    /// <summary>Minutes between two retention sweeps. Default 60.</summary>
    [Range(1, 10_080)]
    public int SweepMinutes { get; set; } = 60;
}
