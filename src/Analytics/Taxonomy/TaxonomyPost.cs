namespace Insights.Analytics.Taxonomy;

/// <summary>
/// One post as the taxonomy heads see it: its unit-length image embedding (null before labelling), its caption, and
/// the values of one category a person gave it (empty when no one labelled it in that category).
/// </summary>
public sealed record TaxonomyPost(long PostId, float[]? Embedding, string? Caption, IReadOnlyList<string> Values);
