namespace Insights.Inference.Vision;

/// <summary>An item to calibrate on: its true class and the class predicted at any threshold.</summary>
public sealed record CalibrationItem(int Truth, Func<float, int> PredictAt);
