using System.ComponentModel.DataAnnotations;

namespace Insights.Dashboard.Drivers;

/// <summary>The stored drivers figures and the content map. Section "Drivers".</summary>
public sealed class DriversOptions
{
    public const string Section = "Drivers";

    /// <summary>Two-feature partial dependence is stored for every pair among this many most important features (others are computed on request). Default 4.</summary>
    [Range(0, 10)]
    public int PairFeatures { get; set; } = 4;

    /// <summary>Grid points per axis of a two-feature partial dependence. Default 10.</summary>
    [Range(2, 30)]
    public int PairGridPoints { get; set; } = 10;

    /// <summary>Plain-words tiles the Drivers page opens with (one per feature that stands clear of noise). Default 4.</summary>
    [Range(0, 8)]
    public int SummaryTiles { get; set; } = 4;

    /// <summary>A group of posts (a value, or a quarter of a numeric feature) gets a tile only with at least this many posts. Default 10.</summary>
    [Range(1, 1000)]
    public int SummaryMinPosts { get; set; } = 10;

    /// <summary>The content map lays out at most this many posts (a seeded sample beyond; exact t-SNE is O(n^2)). Default 3000.</summary>
    [Range(10, 20_000)]
    public int MapMaxPoints { get; set; } = 3000;

    /// <summary>t-SNE perplexity. Default 30.</summary>
    [Range(2, 100)]
    public double MapPerplexity { get; set; } = 30;

    /// <summary>t-SNE gradient steps. Default 1000.</summary>
    [Range(250, 5000)]
    public int MapIterations { get; set; } = 1000;
}
