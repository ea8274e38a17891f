namespace Insights.Analytics.Engagement;

/// <summary>Permutation importance of one feature: the drop in out-of-fold R^2 when its values are shuffled, per repeat.</summary>
public sealed record FeatureImportance(string Feature, LabelSource Source, double MeanDrop, double SdDrop, double[] Drops);
