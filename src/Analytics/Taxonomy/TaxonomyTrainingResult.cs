namespace Insights.Analytics.Taxonomy;

/// <summary>A category's trained head and its cross-validated track record.</summary>
public sealed record TaxonomyTrainingResult(MultiLabelHead Head, CategoryValidation Validation);
