namespace Insights.Analytics.Domain;

/// <summary>A free (category, value) label of a post, imported from CSV (topic, tone, objective...).</summary>
public sealed class ManualLabel
{
    public long Id { get; set; }

    public long PostId { get; set; }

    public required string Category { get; set; }

    public required string Value { get; set; }
}
