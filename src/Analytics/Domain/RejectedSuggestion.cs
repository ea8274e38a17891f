namespace Insights.Analytics.Domain;

/// <summary>A suggested value a person turned down for a post; it is not suggested for that post again.</summary>
public sealed class RejectedSuggestion
{
    public long Id { get; set; }

    public long PostId { get; set; }

    public required string Category { get; set; }

    public required string Value { get; set; }

    public required string RejectedBy { get; set; }

    public DateTime RejectedUtc { get; set; }
}
