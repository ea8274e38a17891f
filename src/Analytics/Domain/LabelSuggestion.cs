namespace Insights.Analytics.Domain;

/// <summary>A value of a manual label category suggested for a post no one labelled in that category, by the model of <see cref="ModelStamp"/>.</summary>
public sealed class LabelSuggestion
{
    public long Id { get; set; }

    public int ProfileId { get; set; }

    public long PostId { get; set; }

    public required string Category { get; set; }

    public required string Value { get; set; }

    /// <summary>The head's probability that the post has the value (0..1).</summary>
    public double Confidence { get; set; }

    /// <summary>Stamp of the training that made the suggestion.</summary>
    public required string ModelStamp { get; set; }
}
