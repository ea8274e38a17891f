using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Classification;

/// <summary>The popularity classifier: regularisation, validation and near-duplicate removal. Section "Classifier".</summary>
public sealed class ClassifierOptions
{
    public const string Section = "Classifier";

    /// <summary>Seed of the folds and of ML.NET. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Folds of the stratified cross-validation. Default 5.</summary>
    [Range(2, 20)]
    public int Folds { get; set; } = 5;

    /// <summary>Repeats of the cross-validation, each with new folds. Default 3.</summary>
    [Range(1, 20)]
    public int Repeats { get; set; } = 3;

    /// <summary>
    /// L2 penalty of the maximum-entropy head on standardised embeddings, per training post (ML.NET sums the loss over
    /// posts, so the penalty grows with them to keep the same strength). Default 10: chosen by cross-validation on the
    /// demo profile (accuracy rose from 1 to about 10 per post and fell beyond 30).
    /// </summary>
    [Range(0.0, 1e6)]
    public float L2PerPost { get; set; } = 10f;

    /// <summary>L1 penalty. Default 0 (dense weights keep class activation maps smooth).</summary>
    [Range(0.0, 1e6)]
    public float L1Regularization { get; set; }

    /// <summary>L-BFGS iteration cap. Default 200.</summary>
    [Range(1, 100_000)]
    public int MaximumIterations { get; set; } = 200;

    /// <summary>Cosine distance below which two posts are always near-duplicates. Default 0.02.</summary>
    [Range(0.0, 1.0)]
    public double DuplicateFloor { get; set; } = 0.02;

    /// <summary>Cosine distance at or above which two posts are never near-duplicates. Default 0.12.</summary>
    [Range(0.0, 1.0)]
    public double DuplicateCeiling { get; set; } = 0.12;

    /// <summary>Width of the bins of the nearest-neighbour distance histogram the threshold is read from. Default 0.005.</summary>
    [Range(0.0001, 0.5)]
    public double HistogramBinWidth { get; set; } = 0.005;

    /// <summary>A profile needs at least this many posts (after duplicates) with a class to train. Default 30.</summary>
    [Range(4, 1_000_000)]
    public int MinPosts { get; set; } = 30;
}
