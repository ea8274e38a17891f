using Insights.Analytics.Engagement;

namespace Insights.Analytics.Tests.Engagement;

/// <summary>PDP and ICE against predictors whose partial dependence is known in closed form.</summary>
public class PartialDependenceTests
{
    // x1 numeric (col 0), x2 numeric (col 1), colour categorical (cols 2..4).
    private static readonly FeatureSpec X1 = new("x1", FeatureKind.Numeric, LabelSource.Automatic, [0], []);
    private static readonly FeatureSpec X2 = new("x2", FeatureKind.Numeric, LabelSource.Automatic, [1], []);
    private static readonly FeatureSpec Colour = new("colour", FeatureKind.Categorical, LabelSource.Manual, [2, 3, 4], ["red", "green", "blue"]);

    private static float[][] Rows(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var row = new float[5];
            row[0] = (float)(random.NextDouble() * 10);
            row[1] = (float)(random.NextDouble() * 4 - 2);
            row[2 + random.Next(3)] = 1;
            return row;
        }).ToArray();
    }

    private static Func<float[][], float[]> Predictor(Func<float[], double> f) => rows => rows.Select(r => (float)f(r)).ToArray();

    [Theory]
    [InlineData(0.5, 17)]
    [InlineData(-2.0, 23)]
    public void AdditiveModel_PdpIsLinearWithSlopeA_AndIceCurvesAreParallel(double a, int seed)
    {
        var rows = Rows(500, seed);
        var predict = Predictor(r => a * r[0] + Math.Sin(3 * r[1]) + (r[3] > 0 ? 1.5 : 0));

        var pd = PartialDependence.OneWay(predict, rows, X1, gridPoints: 12, iceCurves: 30, seed: 1);

        Assert.Equal(12, pd.GridValues.Length);
        for (var g = 1; g < pd.GridValues.Length; g++)
            Assert.Equal(a, (pd.Average[g] - pd.Average[g - 1]) / (pd.GridValues[g] - pd.GridValues[g - 1]), 3);
        // Parallel: every ICE curve is the PDP shifted by a constant (that row's g(x2) + colour term minus their mean).
        foreach (var curve in pd.Ice)
        {
            var shift = curve[0] - pd.Average[0];
            for (var g = 0; g < curve.Length; g++) Assert.Equal(pd.Average[g] + shift, curve[g], 3);
        }
        Assert.Equal(30, pd.Ice.Length);
    }

    [Fact]
    public void CategoricalFeature_PdpDifferencesAreTheCategoryEffects()
    {
        var rows = Rows(300, 5);
        var predict = Predictor(r => r[0] + (r[3] > 0 ? 1.5 : 0) - (r[4] > 0 ? 0.5 : 0));

        var pd = PartialDependence.OneWay(predict, rows, Colour, gridPoints: 20, iceCurves: 10, seed: 1);

        Assert.Equal(["red", "green", "blue"], pd.GridLabels);
        Assert.Equal(1.5, pd.Average[1] - pd.Average[0], 4);
        Assert.Equal(-0.5, pd.Average[2] - pd.Average[0], 4);
        Assert.Equal(300, pd.Histogram.Counts.Sum());
    }

    [Fact]
    public void InteractionModel_IceCurvesDiffer_AndTheirAverageIsThePdp()
    {
        var rows = Rows(400, 9);
        // f = x1 * x2: the slope in x1 of each row's curve is its own x2.
        var predict = Predictor(r => r[0] * r[1]);

        var pd = PartialDependence.OneWay(predict, rows, X1, gridPoints: 10, iceCurves: 400, seed: 1);

        var slopes = pd.Ice.Select(c => (c[^1] - c[0]) / (pd.GridValues[^1] - pd.GridValues[0])).ToArray();
        for (var s = 0; s < slopes.Length; s++) Assert.Equal(rows[pd.IceRows[s]][1], slopes[s], 3);
        Assert.True(slopes.Max() - slopes.Min() > 3, "ICE slopes should spread with x2 in [-2, 2]");
        for (var g = 0; g < pd.GridValues.Length; g++)
            Assert.Equal(pd.Ice.Average(c => c[g]), pd.Average[g], 4);
    }

    [Fact]
    public void TwoWayPdp_OfAProduct_IsTheProductOfTheGrids()
    {
        var rows = Rows(200, 3);
        var predict = Predictor(r => r[0] * r[1] + 2);

        var pd = PartialDependence.TwoWay(predict, rows, X1, X2, gridPoints: 5);

        var (_, gridA) = PartialDependence.Grid(rows, X1, 5);
        var (_, gridB) = PartialDependence.Grid(rows, X2, 5);
        for (var i = 0; i < gridA.Length; i++)
            for (var j = 0; j < gridB.Length; j++)
                Assert.Equal((float)gridA[i] * (float)gridB[j] + 2, pd.Average[i][j], 3);
    }

    [Fact]
    public void NumericGrid_IsQuantiles_OrTheDistinctValuesWhenFewer_AndSkipsMissing()
    {
        var rows = Enumerable.Range(0, 101).Select(i => new[] { i % 4 == 0 ? float.NaN : i, i % 3 }).ToArray();

        var (_, quantiles) = PartialDependence.Grid(rows, X1, 5);
        var (_, distinct) = PartialDependence.Grid(rows, X2, 5);

        Assert.Equal(5, quantiles.Length);
        Assert.True(quantiles.Zip(quantiles.Skip(1)).All(p => p.First < p.Second));
        Assert.InRange(quantiles[0], 1, 10);
        Assert.InRange(quantiles[^1], 90, 100);
        Assert.Equal([0.0, 1, 2], distinct);
        Assert.Equal(26, PartialDependence.Histogram(rows, X1).Missing);
    }
}
