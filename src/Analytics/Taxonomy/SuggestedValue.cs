namespace Insights.Analytics.Taxonomy;

/// <summary>A value suggested for a post, with the head's probability that the post has it (0..1).</summary>
public sealed record SuggestedValue(string Value, double Confidence);
