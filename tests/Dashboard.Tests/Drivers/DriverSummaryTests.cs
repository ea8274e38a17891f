using System.Globalization;
using Insights.Analytics.Engagement;
using Insights.Analytics.Vocabulary;
using Insights.Dashboard.Drivers;

namespace Insights.Dashboard.Tests.Drivers;

/// <summary>
/// The plain-words tiles of the Drivers page, on a real LightGBM model trained on data with known effects (the target
/// rises with x; kind "b" adds 0.4 to its log; noise does nothing). Each expected figure is computed here from the
/// generated data, not read back from the model.
/// </summary>
public class DriverSummaryTests
{
    private static readonly (float[][] X, float[] Y, DateTime[] Published) Data = DriversTestModel.Data();
    private static readonly DriversModel Model = DriversTestModel.Train();
    private static readonly DriversFigures Figures = DriversTestModel.Figures(1, "s", Model);

    [Fact]
    public void Tiles_NameTheTwoRealDrivers_AndNotTheNoise()
    {
        var summaries = Figures.Summaries!;

        Assert.Equal(["kind", "x"], summaries.Select(s => s.Feature).Order());
        Assert.All(summaries, s => Assert.Equal(240, s.Posts));
    }

    [Fact]
    public void CategoricalTile_HasTheGroupsN_ItsObservedMedianAgainstAllPosts_AndTheSentence()
    {
        var tile = Figures.Summaries!.Single(s => s.Feature == "kind");
        var column = tile.Value == "b" ? 2 : 1;
        var members = Enumerable.Range(0, Data.X.Length).Where(i => Data.X[i][column] == 1).ToArray();

        Assert.Equal(members.Length, tile.N);
        var expected = Math.Exp(Median(members.Select(i => Data.Y[i])) - Median(Data.Y));
        Assert.Equal(expected, tile.Observed, 6);
        // "b" adds 0.4 to the log target: its posts did about 20% better than the median post, "a" about 20% worse.
        Assert.True(tile.Value == "b" ? tile.Observed > 1.1 : tile.Observed < 0.9, $"{tile.Value}: {tile.Observed}");
        Assert.True(tile.Value == "b" ? tile.Model > 1.05 : tile.Model < 0.95, $"model {tile.Value}: {tile.Model}");

        var percent = Math.Round(Math.Abs(expected - 1) * 100).ToString("0", CultureInfo.InvariantCulture);
        var word = expected > 1 ? "better" : "worse";
        Assert.Equal($"Posts where kind is {tile.Value!.ToUpperInvariant()} did {percent}% {word} than the profile's typical post", Findings.Sentence(tile));
        Assert.StartsWith($"n = {members.Length} of 240 posts; compared by the median popularity rate", DriversView.SummaryNote(tile, Figures.Metrics));
    }

    [Fact]
    public void NumericTile_IsAQuarterOfThePosts_WithItsThreshold_AndGoesTheWayTheDataDoes()
    {
        var tile = Figures.Summaries!.Single(s => s.Feature == "x");
        var values = Data.X.Select(r => (double)r[0]).Order().ToArray();
        var threshold = Quantile(values, tile.Above ? 0.75 : 0.25);
        var members = Enumerable.Range(0, Data.X.Length).Where(i => tile.Above ? Data.X[i][0] >= threshold : Data.X[i][0] <= threshold).ToArray();

        Assert.Equal(threshold, tile.Threshold!.Value, 6);
        Assert.Equal(members.Length, tile.N);
        Assert.InRange(tile.N, 55, 65);
        Assert.Equal(Math.Exp(Median(members.Select(i => Data.Y[i])) - Median(Data.Y)), tile.Observed, 6);
        // x adds up to 1 to the log target: its top quarter did better than the median post, its bottom quarter worse.
        Assert.True(tile.Above ? tile.Observed > 1.2 : tile.Observed < 0.8, $"{tile.Above}: {tile.Observed}");
        var bound = threshold.ToString("0.##", CultureInfo.InvariantCulture);
        Assert.StartsWith(tile.Above ? $"The top quarter of posts by x ({bound} or more) did " : $"The bottom quarter of posts by x ({bound} or less) did ", Findings.Sentence(tile));
    }

    [Fact]
    public void SavedModel_KeepsItsTargets_SoFiguresComputedAfterALoadHaveTiles()
    {
        var loaded = DriversModel.Load(Model.ToBytes());

        Assert.Equal(Data.Y, loaded.Targets);
        Assert.Equal(Figures.Summaries!.Select(s => (s.Feature, s.N)), DriverSummary.Top(loaded, [.. Figures.Features.Select(f => f.Pdp)], Figures.MeanPrediction).Select(s => (s.Feature, s.N)));
    }

    [Fact]
    public void AGroupSmallerThanTheMinimum_GetsNoTile()
    {
        var summaries = DriverSummary.Top(Model, [.. Figures.Features.Select(f => f.Pdp)], Figures.MeanPrediction, minPosts: 200);

        Assert.Empty(summaries);
    }

    private static double Median(IEnumerable<float> values) => Quantile(values.Select(v => (double)v).Order().ToArray(), 0.5);

    private static double Quantile(double[] sorted, double p) => Insights.Analytics.Statistics.Quantiles.OfSorted(sorted, p);
}
