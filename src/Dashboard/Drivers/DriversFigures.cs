using Insights.Analytics.Annotations;
using Insights.Analytics.Engagement;

namespace Insights.Dashboard.Drivers;

/// <summary>
/// Everything the Drivers page and API show for one trained model, computed once by the drivers job and kept as a
/// file, so opening the page reads JSON instead of predicting. <see cref="MeanPrediction"/> is the mean predicted
/// log target over the training posts: partial dependence is shown relative to it (exp(pdp - mean) = ×1.25).
/// <see cref="Summaries"/> are the plain-words findings the page opens with (null in files written before they existed).
/// </summary>
public sealed record DriversFigures(
    int ProfileId, string Stamp, DateTime TrainedUtc, DriversMetrics Metrics, double MeanPrediction,
    IReadOnlyList<FeatureFigure> Features, IReadOnlyList<PartialDependence2D> Pairs, TrainingCoverage? Coverage = null,
    IReadOnlyList<DriverSummary>? Summaries = null)
{
    public FeatureFigure? Feature(string name) => Features.FirstOrDefault(f => f.Pdp.Feature == name);

    public PartialDependence2D? Pair(string a, string b) => Pairs.FirstOrDefault(p => p.FeatureA == a && p.FeatureB == b);

    /// <summary>Computes every stored figure of a trained model: PDP and ICE of each feature, two-feature PDP of the top pairs.</summary>
    public static DriversFigures Compute(int profileId, string stamp, DateTime trainedUtc, DriversModel model, DriversOptions options,
        Action<int, int, string>? progress = null, CancellationToken cancellationToken = default)
    {
        var features = model.Layout.Features;
        var top = model.Metrics.Importances.Take(options.PairFeatures).Select(i => i.Feature).ToList();
        var pairs = top.SelectMany((a, i) => top.Skip(i + 1).Select(b => (a, b))).ToList();
        var total = features.Count + pairs.Count;
        var done = 0;
        var figures = new List<FeatureFigure>(features.Count);
        foreach (var feature in features)
        {
            cancellationToken.ThrowIfCancellationRequested();
            figures.Add(new FeatureFigure(feature.Source, model.PartialDependence(feature.Name)));
            progress?.Invoke(++done, total, $"Partial dependence of {feature.Name}");
        }
        var twoWay = new List<PartialDependence2D>(pairs.Count);
        foreach (var (a, b) in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            twoWay.Add(model.PartialDependence(a, b, options.PairGridPoints));
            progress?.Invoke(++done, total, $"Partial dependence of {a} × {b}");
        }
        var mean = model.PredictBatch(model.Rows).Average(p => (double)p);
        var summaries = DriverSummary.Top(model, [.. figures.Select(f => f.Pdp)], mean, options.SummaryTiles, options.SummaryMinPosts);
        return new DriversFigures(profileId, stamp, trainedUtc, model.Metrics, mean, figures, twoWay, Summaries: summaries);
    }

    /// <summary>A partial dependence value as a multiple of the average prediction.</summary>
    public double Relative(double logPrediction) => Math.Exp(logPrediction - MeanPrediction);
}

/// <summary>One feature's partial dependence with ICE curves and histogram, and where the feature comes from.</summary>
public sealed record FeatureFigure(LabelSource Source, PartialDependenceResult Pdp);

/// <summary>Where each laid-out post landed on the content map (t-SNE of its embedding).</summary>
public sealed record ContentMapFigure(int ProfileId, string Stamp, DateTime ComputedUtc, int EmbeddedPosts, double Perplexity, double Seconds, IReadOnlyList<MapPoint> Points,
    TrainingCoverage? Coverage = null);

public sealed record MapPoint(long PostId, double X, double Y);
