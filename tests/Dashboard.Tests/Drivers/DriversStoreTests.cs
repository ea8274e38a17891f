using Insights.Analytics.Storage;
using Insights.Dashboard.Configuration;
using Insights.Dashboard.Drivers;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Tests.Drivers;

public sealed class DriversStoreTests : IDisposable
{
    private readonly string _directory = InsightsApiFixture.NewTempDirectory();

    private DriversStore NewStore() => new(Options.Create(new StorageOptions { DataDirectory = _directory }), new DashboardPaths(_directory), TestCaches.New());

    public void Dispose() => InsightsApiFixture.DeleteDirectory(_directory);

    [Fact]
    public async Task Figures_RoundTripThroughTheirFiles_WithTheModel()
    {
        var model = DriversTestModel.Train();
        var figures = DriversTestModel.Figures(7, "stamp-1", model);
        await NewStore().SaveAsync(figures, model);

        // A new store (another process, a restart) reads the same figures back.
        var read = NewStore().GetFigures(7);

        Assert.NotNull(read);
        Assert.Equal("stamp-1", read.Stamp);
        Assert.Equal(figures.TrainedUtc, read.TrainedUtc);
        Assert.Equal(figures.MeanPrediction, read.MeanPrediction, 12);
        Assert.Equal(figures.Metrics.CrossValidatedR2, read.Metrics.CrossValidatedR2, 12);
        Assert.Equal(figures.Metrics.Importances.Select(i => i.Feature), read.Metrics.Importances.Select(i => i.Feature));
        Assert.Equal(["x", "kind", "noise"], read.Features.Select(f => f.Pdp.Feature));
        foreach (var (a, b) in figures.Features.Zip(read.Features))
        {
            Assert.Equal(a.Source, b.Source);
            Assert.Equal(a.Pdp.GridLabels, b.Pdp.GridLabels);
            Assert.Equal(a.Pdp.Average, b.Pdp.Average);
            Assert.Equal(a.Pdp.Ice.SelectMany(c => c), b.Pdp.Ice.SelectMany(c => c));
            Assert.Equal(a.Pdp.Histogram.Counts, b.Pdp.Histogram.Counts);
        }
        Assert.Single(read.Pairs);
        Assert.NotNull(NewStore().GetModel(7));
        Assert.Null(NewStore().GetFigures(8));
    }

    [Fact]
    public async Task Figures_ShowThePlantedEffects_RelativeToTheAveragePost()
    {
        var model = DriversTestModel.Train();
        var figures = DriversTestModel.Figures(1, "s", model);

        Assert.Equal("x", figures.Metrics.Importances[0].Feature);
        Assert.True(figures.Metrics.CrossValidatedR2 > 0.8, $"R² {figures.Metrics.CrossValidatedR2}");
        var kind = DriversView.RelativePdp(figures, figures.Feature("kind")!.Pdp);
        // kind b adds 0.4 to the log target: about ×1.49 against kind a (trees shrink it a little).
        Assert.InRange(kind[1] / kind[0], 1.3, 1.6);
        var x = DriversView.RelativePdp(figures, figures.Feature("x")!.Pdp);
        Assert.True(x[^1] > x[0] * 1.8, "x rises by about 0.9 in log over its grid");
        Assert.All(DriversView.CentredIce(figures, figures.Feature("x")!.Pdp), curve => Assert.Equal(x.Length, curve.Length));

        // A pair that was not stored is computed from the model and matches the stored one's transpose.
        var store = NewStore();
        await store.SaveAsync(figures, model);
        var stored = figures.Pairs[0];
        var swapped = await store.PairAsync(1, stored.FeatureB, stored.FeatureA, 4);
        Assert.NotNull(swapped);
        Assert.Equal(stored.Average[0][1], swapped.Average[1][0]);
        var computed = await store.PairAsync(1, "x", "noise", 4);
        Assert.NotNull(computed);
        Assert.Equal(4, computed.Average.Length);
        Assert.Null(await store.PairAsync(1, "x", "x", 4));
    }

    [Fact]
    public void Csv_HasAHeaderAndARowPerFeatureOrGridPoint()
    {
        var model = DriversTestModel.Train();
        var figures = DriversTestModel.Figures(1, "s", model);

        var importance = DriversCsv.Importance(figures).TrimEnd().Split('\n');
        Assert.Equal("feature,source,r2_drop_mean,r2_drop_sd,repeats", importance[0]);
        Assert.Equal(4, importance.Length);
        var pdp = DriversCsv.PartialDependence(figures, figures.Feature("kind")!).TrimEnd().Split('\n');
        Assert.StartsWith("feature,value,pdp_relative,pdp_log_target,ice_row_", pdp[0]);
        Assert.Equal(3, pdp.Length);
        Assert.StartsWith("kind,a,", pdp[1]);
        var pair = DriversCsv.Pair(figures, figures.Pairs[0]).TrimEnd().Split('\n');
        Assert.Equal(1 + figures.Pairs[0].GridA.Length * figures.Pairs[0].GridB.Length, pair.Length);
    }
}
