namespace Insights.Analytics.Taxonomy;

/// <summary>How a category's scores become suggested values.</summary>
public enum SuggestionRule
{
    /// <summary>The k most probable values of every post (k chosen by validation).</summary>
    TopK = 0,
    /// <summary>Every value whose probability reaches that value's own threshold (chosen by validation); a post may get none or several.</summary>
    Threshold = 1,
}
