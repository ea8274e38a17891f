namespace Insights.Analytics.Annotations;

/// <summary>
/// A profile's versions of its data, its automatic labels and its custom labels, read from its one row. Its text form
/// keys caches and trained models: it changes exactly when one of the three changes.
/// </summary>
public sealed record LabelStamp(long DataVersion, long LabelsVersion, long CustomLabelsVersion)
{
    /// <summary>The stamp of a profile that does not exist.</summary>
    public static readonly LabelStamp Missing = new(-1, -1, -1);

    public override string ToString() => $"d{DataVersion}-l{LabelsVersion}-c{CustomLabelsVersion}";
}
