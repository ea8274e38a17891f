using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Recommendations;

/// <summary>How suggestions are made. Section "Recommendations".</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Recommendations";

    /// <summary>A choice needs at least this many past posts to be suggested or warned against. Default 20.</summary>
    [Range(3, 100_000)]
    public int MinPosts { get; set; } = 20;

    /// <summary>
    /// Family-wise confidence of the intervals that decide: each interval is widened to 1 − (1 − level) / m
    /// for m choices tested, so a chance winner among many is not suggested. Default 0.95.
    /// </summary>
    [Range(0.5, 0.999)]
    public double Level { get; set; } = 0.95;

    /// <summary>Most suggestions (and most warnings) listed. Default 10.</summary>
    [Range(1, 100)]
    public int MaxItems { get; set; } = 10;

    /// <summary>Example past posts shown per suggestion. Default 3.</summary>
    [Range(0, 12)]
    public int Examples { get; set; } = 3;

    /// <summary>Training rows the model's partial dependence averages over (a seeded sample). Default 300.</summary>
    [Range(20, 100_000)]
    public int BackgroundRows { get; set; } = 300;

    /// <summary>Settings a group of posts is represented by in partial dependence (hashtag counts 3, 4, 5 for "3–5"). Default 4.</summary>
    [Range(1, 50)]
    public int SettingsPerValue { get; set; } = 4;

    /// <summary>
    /// Share of two features' joint partial dependence that is not the sum of their own (Friedman's H²) from which
    /// the model is said to show an interaction and pairs of their choices are offered. Default 0.15.
    /// </summary>
    [Range(0.0, 1.0)]
    public double InteractionShare { get; set; } = 0.15;
}
