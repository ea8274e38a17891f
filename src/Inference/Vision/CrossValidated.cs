namespace Insights.Inference.Vision;

/// <summary>The out-of-fold predictions of a k-fold threshold choice, and the threshold each fold chose.</summary>
public sealed record CrossValidated(IReadOnlyList<int> Predicted, IReadOnlyList<float> FoldThresholds);
