namespace Insights.Analytics.Taxonomy;

/// <summary>A sparse caption vector: bucket indices (ascending, distinct) and their weights.</summary>
public sealed record SparseTerms(int[] Indices, float[] Weights)
{
    public static readonly SparseTerms Empty = new([], []);
}
