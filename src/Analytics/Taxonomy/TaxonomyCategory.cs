namespace Insights.Analytics.Taxonomy;

/// <summary>A category's stored training as the pages and the API show it (no weights): its validation, or why it was not learned.</summary>
public sealed record TaxonomyCategory(string Category, string Stamp, DateTime TrainedUtc, CategoryValidation? Validation, string? Reason, int Suggestions);
