namespace Insights.Inference.Vision;

/// <summary>A person box found in one pass, with the tile that found it (null: the whole image).</summary>
public sealed record PersonCandidate(Box Box, Tile? Tile);
