namespace Insights.Analytics.Taxonomy;

/// <summary>
/// Cross-validated F1 of one way of suggesting values: micro F1 pools every (post, value) decision, macro F1 averages
/// the F1 of each learned value (rare values count as much as common ones). Means and sample sd across repeats.
/// </summary>
public sealed record RuleScore(double MicroF1, double MicroF1Sd, double MacroF1, double MacroF1Sd);
