namespace Insights.Analytics.Vocabulary;

/// <summary>How a feature, label or value is shown to people: a display name, its unit (if any) and one line saying what it is.</summary>
public sealed record Term(string Name, string? Unit, string Explanation)
{
    /// <summary>The name with its unit in brackets, for axis titles and table headers: "Text area (share of the image)".</summary>
    public string NameWithUnit => Unit is null ? Name : $"{Name} ({Unit})";
}
