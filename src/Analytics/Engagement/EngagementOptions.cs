using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Engagement;

/// <summary>Engagement-by-label tables and the drivers model. Section "Engagement".</summary>
public sealed class EngagementOptions
{
    public const string Section = "Engagement";

    /// <summary>Seed of every random choice (bootstrap, folds, permutations, ICE sample, LightGBM). Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Which rate is the target. Default Auto: ER when at least <see cref="MinEngagementRateShare"/> of posts have impressions, else PoR.</summary>
    public TargetChoice Target { get; set; } = TargetChoice.Auto;

    /// <summary>Share of posts with an ER that Auto needs before it picks ER. Default 0.8.</summary>
    [Range(0.0, 1.0)]
    public double MinEngagementRateShare { get; set; } = 0.8;

    /// <summary>Divide each post's rate by the median rate of the profile's posts in a window centred on it (removes follower-growth drift). Default true.</summary>
    public bool Detrend { get; set; } = true;

    /// <summary>Width of the detrending window in weeks. Default 8.</summary>
    [Range(1, 520)]
    public double DetrendWindowWeeks { get; set; } = 8;

    /// <summary>A detrending window with fewer posts takes the nearest this many. Default 12.</summary>
    [Range(2, 10_000)]
    public int DetrendMinPosts { get; set; } = 12;

    /// <summary>Bootstrap resamples for the interval of a median. Default 1000.</summary>
    [Range(50, 100_000)]
    public int BootstrapResamples { get; set; } = 1000;

    /// <summary>Confidence level of the bootstrap intervals. Default 0.95.</summary>
    [Range(0.5, 0.999)]
    public double IntervalLevel { get; set; } = 0.95;

    /// <summary>Groups with fewer posts are flagged sparse. Default 30.</summary>
    [Range(1, 100_000)]
    public int SparseBelow { get; set; } = 30;

    /// <summary>A category keeps at most this many values; the rest become "other". Default 10.</summary>
    [Range(1, 1000)]
    public int MaxValuesPerCategory { get; set; } = 10;

    /// <summary>Values with fewer posts go to "other". Default 20.</summary>
    [Range(1, 100_000)]
    public int MinPostsPerValue { get; set; } = 20;

    /// <summary>Folds of the cross-validated R^2. Default 5.</summary>
    [Range(2, 20)]
    public int CrossValidationFolds { get; set; } = 5;

    /// <summary>The time-ordered check tests on the last this many months and trains on everything before. Default 6.</summary>
    [Range(1, 120)]
    public int HoldoutMonths { get; set; } = 6;

    /// <summary>Repeats of each permutation for feature importance. Default 5.</summary>
    [Range(1, 100)]
    public int ImportanceRepeats { get; set; } = 5;

    /// <summary>LightGBM boosting rounds. Default 200.</summary>
    [Range(10, 10_000)]
    public int Iterations { get; set; } = 200;

    /// <summary>LightGBM leaves per tree. Default 15.</summary>
    [Range(2, 1024)]
    public int Leaves { get; set; } = 15;

    /// <summary>LightGBM minimum posts per leaf. Default 20.</summary>
    [Range(1, 10_000)]
    public int MinPostsPerLeaf { get; set; } = 20;

    /// <summary>LightGBM learning rate. Default 0.05.</summary>
    [Range(0.001, 1.0)]
    public double LearningRate { get; set; } = 0.05;

    /// <summary>Grid points of a numeric partial dependence (quantiles). Default 20.</summary>
    [Range(2, 200)]
    public int PdpGridPoints { get; set; } = 20;

    /// <summary>ICE curves kept per partial dependence. Default 50.</summary>
    [Range(0, 10_000)]
    public int IceCurves { get; set; } = 50;

    /// <summary>A copy whose settings can be changed without touching the bound options.</summary>
    public EngagementOptions Clone() => (EngagementOptions)MemberwiseClone();
}

/// <summary>The rate a table or model uses; one per result, never mixed within one.</summary>
public enum TargetChoice
{
    Auto = 0,
    PopularityRate = 1,
    EngagementRate = 2,
}

/// <summary>The rate actually used.</summary>
public enum TargetMetric
{
    PopularityRate = 1,
    EngagementRate = 2,
}
