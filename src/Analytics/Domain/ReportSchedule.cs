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

    /// <summary>
    /// Ids of the other profiles each report compares this one with, comma-separated ("3,7"); null for none (and in
    /// schedules set up before reports compared profiles). The page offers only profiles its user may see.
    /// </summary>
    public string? CompareWith { get; set; }

    /// <summary>The ids in <see cref="CompareWith"/>; anything that is not an id is skipped.</summary>
    public IReadOnlyList<int> ComparedProfileIds() =>
        (CompareWith ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).ToList();
}
