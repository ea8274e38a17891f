namespace Insights.Inference.Detection;

/// <summary>A line of text read by a recogniser, with the mean probability of its characters (0 when empty).</summary>
public sealed record TextRead(string Text, float Confidence);
