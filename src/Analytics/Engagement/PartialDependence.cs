using Insights.Analytics.Statistics;

namespace Insights.Analytics.Engagement;

/// <summary>A histogram of a feature for display beside its partial dependence (counts per bin or per value; missing counted apart).</summary>
public sealed record FeatureHistogram(string[] Labels, double[] Edges, int[] Counts, int Missing);

/// <summary>
/// Partial dependence of the prediction on one feature: <see cref="Average"/>[g] is the mean prediction
/// with the feature set to grid point g on every row; <see cref="Ice"/> holds the per-row curves of a
/// seeded sample of rows (their indices in <see cref="IceRows"/>). Predictions are in the model's target
/// units (log of the rate for the drivers model).
/// </summary>
public sealed record PartialDependenceResult(
    string Feature, FeatureKind Kind, string[] GridLabels, double[] GridValues, double[] Average,
    int[] IceRows, double[][] Ice, FeatureHistogram Histogram)
{
    /// <summary>Max minus min of the PDP; 0 for a feature without values (serialised with the figures, so it must not throw).</summary>
    public double Range => Average.Length == 0 ? 0 : Average.Max() - Average.Min();
}

/// <summary>Partial dependence of two features on a grid: Average[a][b].</summary>
public sealed record PartialDependence2D(string FeatureA, string FeatureB, string[] GridA, string[] GridB, double[][] Average);

/// <summary>
/// PDP and ICE for any batch predictor over a feature matrix, so the code is testable against
/// functions whose partial dependence is known in closed form.
/// </summary>
public static class PartialDependence
{
    /// <summary>
    /// The grid of a feature: numeric, distinct quantiles at evenly spaced probabilities 0.05..0.95 (or the
    /// distinct values when fewer); categorical, every value that occurs in the rows (a value the model never
    /// saw has no partial dependence worth showing), its grid value being its index in the one-hot block.
    /// </summary>
    public static (string[] Labels, double[] Values) Grid(float[][] rows, FeatureSpec feature, int points)
    {
        if (feature.Kind == FeatureKind.Categorical)
        {
            var present = Enumerable.Range(0, feature.Values.Length).Where(k => rows.Any(r => r[feature.Columns[k]] > 0.5f)).ToArray();
            return (present.Select(k => feature.Values[k]).ToArray(), present.Select(k => (double)k).ToArray());
        }
        var c = feature.Columns[0];
        var sorted = rows.Select(r => (double)r[c]).Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return ([], []);
        var distinct = sorted.Distinct().ToArray();
        double[] values = distinct.Length <= points
            ? distinct
            : Enumerable.Range(0, points).Select(g => Quantiles.OfSorted(sorted, 0.05 + 0.9 * g / (points - 1))).Distinct().ToArray();
        return (values.Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)).ToArray(), values);
    }

    public static PartialDependenceResult OneWay(Func<float[][], float[]> predict, float[][] rows, FeatureSpec feature, int gridPoints, int iceCurves, int seed)
    {
        var (labels, values) = Grid(rows, feature, gridPoints);
        var iceRows = Sample(rows.Length, iceCurves, seed);
        var average = new double[values.Length];
        var ice = iceRows.Select(_ => new double[values.Length]).ToArray();
        var work = rows.Select(r => (float[])r.Clone()).ToArray();
        for (var g = 0; g < values.Length; g++)
        {
            foreach (var row in work) FeatureLayout.Set(row, feature, values[g]);
            var predictions = predict(work);
            double sum = 0;
            foreach (var p in predictions) sum += p;
            average[g] = sum / predictions.Length;
            for (var s = 0; s < iceRows.Length; s++) ice[s][g] = predictions[iceRows[s]];
        }
        return new PartialDependenceResult(feature.Name, feature.Kind, labels, values, average, iceRows, ice, Histogram(rows, feature));
    }

    public static PartialDependence2D TwoWay(Func<float[][], float[]> predict, float[][] rows, FeatureSpec a, FeatureSpec b, int gridPoints)
    {
        var (labelsA, valuesA) = Grid(rows, a, gridPoints);
        var (labelsB, valuesB) = Grid(rows, b, gridPoints);
        var work = rows.Select(r => (float[])r.Clone()).ToArray();
        var average = new double[valuesA.Length][];
        for (var i = 0; i < valuesA.Length; i++)
        {
            average[i] = new double[valuesB.Length];
            for (var j = 0; j < valuesB.Length; j++)
            {
                foreach (var row in work)
                {
                    FeatureLayout.Set(row, a, valuesA[i]);
                    FeatureLayout.Set(row, b, valuesB[j]);
                }
                average[i][j] = predict(work).Average(p => (double)p);
            }
        }
        return new PartialDependence2D(a.Name, b.Name, labelsA, labelsB, average);
    }

    public static FeatureHistogram Histogram(float[][] rows, FeatureSpec feature, int bins = 20)
    {
        if (feature.Kind == FeatureKind.Categorical)
        {
            var counts = new int[feature.Values.Length];
            foreach (var row in rows)
                for (var k = 0; k < feature.Columns.Length; k++)
                    if (row[feature.Columns[k]] > 0.5f) counts[k]++;
            return new FeatureHistogram(feature.Values, [], counts, 0);
        }
        var c = feature.Columns[0];
        var finite = rows.Select(r => (double)r[c]).Where(double.IsFinite).ToArray();
        var missing = rows.Length - finite.Length;
        if (finite.Length == 0) return new FeatureHistogram([], [], [], missing);
        double min = finite.Min(), max = finite.Max();
        if (max <= min) return new FeatureHistogram([min.ToString(System.Globalization.CultureInfo.InvariantCulture)], [min, max], [finite.Length], missing);
        var edges = Enumerable.Range(0, bins + 1).Select(k => min + (max - min) * k / bins).ToArray();
        var histogram = new int[bins];
        foreach (var v in finite) histogram[Math.Min(bins - 1, (int)((v - min) / (max - min) * bins))]++;
        return new FeatureHistogram(Enumerable.Range(0, bins).Select(k => $"{edges[k]:G3}-{edges[k + 1]:G3}").ToArray(), edges, histogram, missing);
    }

    private static int[] Sample(int n, int count, int seed)
    {
        if (count >= n) return Enumerable.Range(0, n).ToArray();
        var indices = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(indices);
        return indices[..count].Order().ToArray();
    }
}
