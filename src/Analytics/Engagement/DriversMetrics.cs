namespace Insights.Analytics.Engagement;

/// <summary>
/// How well the drivers model predicts, next to a mean-only baseline. R^2 is of the log target.
/// CV: k seeded folds, R^2 pooled over the out-of-fold predictions (and its spread across folds).
/// Time-ordered: trained on posts before <see cref="HoldoutFromUtc"/>, tested on the rest; null when either side has fewer than 30 posts.
/// </summary>
public sealed record DriversMetrics(
    string Target, TargetMetric Metric, bool Detrended, int Posts, int Features, int Columns,
    int Folds, double CrossValidatedR2, double CrossValidatedR2FoldSd, double BaselineR2,
    DateTime? HoldoutFromUtc, int TrainPosts, int TestPosts, double? TimeOrderedR2, double? TimeOrderedBaselineR2,
    IReadOnlyList<FeatureImportance> Importances, double TrainSeconds);
