namespace Insights.Analytics.Annotations;

/// <summary>
/// A profile's versions of its data, its automatic labels and its custom labels, and its own time zone (hours and
/// weekdays are read in it), read from its one row. Its text form keys caches and trained models: it changes exactly
/// when one of the four changes. Without a zone of its own the text is as it was before zones were part of it.
/// </summary>
public sealed record LabelStamp(long DataVersion, long LabelsVersion, long CustomLabelsVersion, string? TimeZone = null)
{
    /// <summary>The stamp of a profile that does not exist.</summary>
    public static readonly LabelStamp Missing = new(-1, -1, -1);

    public override string ToString() => $"d{DataVersion}-l{LabelsVersion}-c{CustomLabelsVersion}" + (TimeZone is { Length: > 0 } zone ? "-z" + zone : "");
}
