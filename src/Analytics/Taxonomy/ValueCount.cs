namespace Insights.Analytics.Taxonomy;

/// <summary>A value and the number of labelled posts that carry it.</summary>
public sealed record ValueCount(string Value, int Posts);
