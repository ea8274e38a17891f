namespace Insights.Analytics.Taxonomy;

/// <summary>
/// How one learned value fared in cross-validation under the chosen rule, pooled over repeats: posts that have it
/// (<paramref name="Posts"/>, counted once), how often it was suggested per repeat on average, precision, recall and F1
/// (0 when never suggested or never right).
/// </summary>
public sealed record ValueValidation(string Value, int Posts, double Suggested, double Precision, double Recall, double F1, double Threshold);
