namespace Insights.Analytics.Taxonomy;

/// <summary>What training did with one category: a trained head, or the reason it could not learn it.</summary>
public sealed record TaxonomyOutcome(string Category, TaxonomyTrainingResult? Result, string? Reason);
