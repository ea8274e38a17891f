namespace Insights.Dashboard.Prediction;

/// <summary>The profile a prediction is for: its id and name.</summary>
public sealed record ProfileRef(int Id, string Name);
