using Insights.Analytics.Engagement;
using Insights.Dashboard.Drivers;

namespace Insights.Dashboard.Tests.Drivers;

/// <summary>A small drivers model with known effects: the target rises with x, and kind "b" adds 0.4 to its log; noise does nothing.</summary>
internal static class DriversTestModel
{
    public static readonly EngagementOptions Options = new()
    {
        Iterations = 40, CrossValidationFolds = 3, ImportanceRepeats = 2, MinPostsPerLeaf = 5, PdpGridPoints = 8, IceCurves = 10, HoldoutMonths = 2,
    };

    public static readonly FeatureLayout Layout = new(
    [
        new FeatureSpec("x", FeatureKind.Numeric, LabelSource.Post, [0], []),
        new FeatureSpec("kind", FeatureKind.Categorical, LabelSource.Manual, [1, 2], ["a", "b"]),
        new FeatureSpec("noise", FeatureKind.Numeric, LabelSource.Caption, [3], []),
    ], 4);

    public static DriversModel Train(int rows = 240, int seed = 3)
    {
        var (x, y, published) = Data(rows, seed);
        return DriversTrainer.Train(x, y, published, Layout, "PoR / rolling median", TargetMetric.PopularityRate, true, Options);
    }

    /// <summary>The encoded rows (x, kind a/b one-hot, noise), their log targets and publish days.</summary>
    public static (float[][] X, float[] Y, DateTime[] Published) Data(int rows = 240, int seed = 3)
    {
        var random = new Random(seed);
        var x = new float[rows][];
        var y = new float[rows];
        var published = new DateTime[rows];
        for (var i = 0; i < rows; i++)
        {
            var b = random.Next(2) == 1;
            x[i] = [(float)random.NextDouble(), b ? 0 : 1, b ? 1 : 0, (float)random.NextDouble()];
            y[i] = (float)(x[i][0] + (b ? 0.4 : 0) + 0.05 * (random.NextDouble() - 0.5));
            published[i] = new DateTime(2024, 1, 1).AddDays(i);
        }
        return (x, y, published);
    }

    public static DriversFigures Figures(int profileId, string stamp, DriversModel model) =>
        DriversFigures.Compute(profileId, stamp, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), model, new DriversOptions { PairFeatures = 2, PairGridPoints = 4 });
}
