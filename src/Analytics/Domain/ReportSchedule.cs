namespace Insights.Analytics.Domain;

/// <summary>How often a scheduled report covers a period.</summary>
public enum ReportCadence
{
    Weekly = 0,
    Monthly = 1,
}

/// <summary>
/// A report written automatically for each finished week (Monday to Sunday, UTC) or month of a profile.
/// <see cref="LastPeriodStart"/> is the start of the newest period already queued, so each period is reported once.
/// </summary>
public sealed class ReportSchedule
{
    public long Id { get; set; }

    public int ProfileId { get; set; }

    public ReportCadence Cadence { get; set; }

    /// <summary>"pdf", "xlsx" or "csv".</summary>
    public required string Format { get; set; }

    public bool Enabled { get; set; } = true;

    public DateOnly? LastPeriodStart { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>The user who set it up (the NameIdentifier claim, or "local").</summary>
    public string CreatedBy { get; set; } = "local";
}
