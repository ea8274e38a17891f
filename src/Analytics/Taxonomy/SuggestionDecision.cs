namespace Insights.Analytics.Taxonomy;

/// <summary>The result of accepting or rejecting a suggestion.</summary>
public enum SuggestionDecision
{
    /// <summary>Done.</summary>
    Done = 0,
    /// <summary>The post has no such suggestion (never made, already decided, or not of this profile).</summary>
    NotFound = 1,
}
