namespace Insights.Analytics.Recommendations;

/// <summary>
/// One suggestion (or warning): a choice, the lift of posts that made it over those that chose otherwise
/// (× 1.2 = 20% better), its interval at the family-wise level, n and example posts (best first; for a warning, worst first).
/// </summary>
/// <param name="PredictedLift">The lift to expect from this choice: the median rate of past posts with it ÷ the median of the posts that chose otherwise.</param>
/// <param name="Low">Lower end of the lift's interval; suggestions are ranked by it.</param>
public sealed record Recommendation(
    string Feature,
    string Value,
    string Advice,
    double PredictedLift,
    double Low,
    double High,
    int N,
    IReadOnlyList<long> Examples);

/// <summary>Suggestions and warnings for a profile, with what they were computed on.</summary>
/// <param name="ChoicesTested">Every (feature, value) with enough posts; the intervals are widened for this many.</param>
/// <param name="IntervalLevel">The level of each interval after widening (for example 0.9992 for 60 choices at 95%).</param>
public sealed record RecommendationResult(
    string Target,
    int Posts,
    int ChoicesTested,
    double IntervalLevel,
    int MinPosts,
    IReadOnlyList<Recommendation> Suggestions,
    IReadOnlyList<Recommendation> Avoid);
