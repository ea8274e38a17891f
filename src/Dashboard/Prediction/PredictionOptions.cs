using System.ComponentModel.DataAnnotations;

namespace Insights.Dashboard.Prediction;

/// <summary>Predictions for drafts (the Predict page and its API). Section "Prediction".</summary>
public sealed class PredictionOptions
{
    public const string Section = "Prediction";

    /// <summary>
    /// Predictions that run at once. Default 1: each ONNX Runtime run already uses every core, so two at
    /// once on a small machine only take turns more slowly.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrent { get; set; } = 1;

    /// <summary>Uploads that may wait for their turn; one more is refused with 503 and a Retry-After. Default 100.</summary>
    [Range(0, 10_000)]
    public int MaxWaiting { get; set; } = 100;

    /// <summary>Similar past posts shown per draft. Default 6.</summary>
    [Range(1, 50)]
    public int SimilarPosts { get; set; } = 6;

    /// <summary>
    /// Long side of the heatmap PNG and of a video frame's picture, in pixels. Default 256: the map has 7x7
    /// cells, so the browser's own smooth scaling over the draft looks the same as a full-size PNG, which
    /// would cost more to encode than the rest of the prediction after the models.
    /// </summary>
    [Range(32, 4096)]
    public int HeatmapMaxSide { get; set; } = 256;

    /// <summary>Label hints shown per draft (the labels whose lift on this profile is largest). Default 5.</summary>
    [Range(0, 50)]
    public int MaxHints { get; set; } = 5;
}
