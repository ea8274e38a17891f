namespace Insights.Analytics.Recommendations;

/// <summary>Which lift ranks the suggestions: the drivers model's (partial dependence), or, until a model is trained, the observed one.</summary>
public enum RecommendationBasis
{
    Model = 0,
    Observed = 1,
}

/// <summary>
/// One suggestion (or warning): a choice (or, where the model shows an interaction, a pair of choices), its lift
/// over the posts that chose otherwise (× 1.2 = 20% better) with an interval at the family-wise level, n and
/// example posts (best first; for a warning, worst first).
/// </summary>
/// <param name="PredictedLift">
/// The drivers model's lift: exp(partial dependence with this choice − partial dependence with the other choices,
/// weighted by how often they were made). Null when the basis is <see cref="RecommendationBasis.Observed"/>.
/// </param>
/// <param name="Low">Lower end of the ranking lift's interval (predicted, or observed without a model); suggestions are ranked by it.</param>
/// <param name="High">Upper end of that interval.</param>
/// <param name="ObservedLift">Median rate of past posts with the choice ÷ median of those without it.</param>
/// <param name="ObservedLow">Lower end of the observed lift's 95% bootstrap interval (not widened).</param>
public sealed record Recommendation(
    string Feature,
    string Value,
    string Advice,
    double? PredictedLift,
    double Low,
    double High,
    int N,
    IReadOnlyList<long> Examples,
    double ObservedLift,
    double ObservedLow,
    double ObservedHigh);

/// <summary>Suggestions and warnings for a profile, with what they were computed on.</summary>
/// <param name="ChoicesTested">Every (feature, value) with enough posts, pairs included; the intervals are widened for this many.</param>
/// <param name="IntervalLevel">The level of each interval after widening (for example 0.9992 for 60 choices at 95%).</param>
/// <param name="ModelR2">The drivers model's cross-validated R² (log rate); null without a model or validation.</param>
/// <param name="Interactions">Pairs of choices whose joint effect the model shows is not the sum of their own (Friedman's H² over the pair's cells).</param>
public sealed record RecommendationResult(
    string Target,
    int Posts,
    int ChoicesTested,
    double IntervalLevel,
    int MinPosts,
    RecommendationBasis Basis,
    double? ModelR2,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<Recommendation> Suggestions,
    IReadOnlyList<Recommendation> Avoid);

/// <summary>How much of two choices' joint partial dependence is not the sum of their own (0 = none, 1 = all).</summary>
public sealed record Interaction(string FeatureA, string FeatureB, double HSquared);
