namespace Insights.Analytics.ContentMap;

/// <summary>Settings of one t-SNE run.</summary>
/// <param name="Perplexity">Effective number of neighbours each point's Gaussian is tuned to (30).</param>
/// <param name="Iterations">Gradient steps (1000; the first 250 with early exaggeration 12).</param>
/// <param name="PcaDimensions">Inputs wider than this are projected on their top principal subspace first (50).</param>
/// <param name="Seed">Seed of the initial layout and of the PCA's start, so a run is repeatable.</param>
public sealed record TsneSettings(double Perplexity = 30, int Iterations = 1000, int PcaDimensions = 50, int Seed = 42);

/// <summary>
/// Exact t-SNE (van der Maaten and Hinton, 2008) to two dimensions: O(n^2) per step, fine for a few thousand
/// points. Deterministic for a seed: every parallel loop writes only its own row and sums are taken in order.
/// </summary>
public static class Tsne
{
    private const double EarlyExaggeration = 12;
    private const int ExaggerationSteps = 250;

    /// <summary>Two coordinates per input row.</summary>
    public static double[][] Embed(IReadOnlyList<float[]> points, TsneSettings settings, Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        var n = points.Count;
        if (n == 0) return [];
        if (n == 1) return [[0, 0]];
        var x = points[0].Length > settings.PcaDimensions ? Pca.Project(points, settings.PcaDimensions, settings.Seed) : points.Select(p => p.Select(v => (double)v).ToArray()).ToArray();
        var p = Affinities(x, Math.Min(settings.Perplexity, (n - 1) / 3.0), cancellationToken);

        var random = new Random(settings.Seed);
        var y = new double[n * 2];
        for (var i = 0; i < y.Length; i++) y[i] = Gaussian(random) * 1e-4;
        var update = new double[n * 2];
        var gains = Enumerable.Repeat(1.0, n * 2).ToArray();
        var gradient = new double[n * 2];
        var q = new double[n * n];
        var rowSums = new double[n];
        // The learning rate of Belkina et al. (2019): n / exaggeration, at least 50.
        var rate = Math.Max(n / EarlyExaggeration, 50);

        for (var step = 0; step < settings.Iterations; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var exaggeration = step < ExaggerationSteps ? EarlyExaggeration : 1;
            var momentum = step < ExaggerationSteps ? 0.5 : 0.8;
            Parallel.For(0, n, i =>
            {
                double sum = 0, yi0 = y[2 * i], yi1 = y[2 * i + 1];
                var row = i * n;
                for (var j = 0; j < n; j++)
                {
                    if (j == i) { q[row + j] = 0; continue; }
                    double d0 = yi0 - y[2 * j], d1 = yi1 - y[2 * j + 1];
                    var w = 1 / (1 + d0 * d0 + d1 * d1);
                    q[row + j] = w;
                    sum += w;
                }
                rowSums[i] = sum;
            });
            double z = 0;
            for (var i = 0; i < n; i++) z += rowSums[i];
            Parallel.For(0, n, i =>
            {
                double g0 = 0, g1 = 0, yi0 = y[2 * i], yi1 = y[2 * i + 1];
                var row = i * n;
                for (var j = 0; j < n; j++)
                {
                    var w = q[row + j];
                    var m = (exaggeration * p[row + j] - w / z) * w;
                    g0 += m * (yi0 - y[2 * j]);
                    g1 += m * (yi1 - y[2 * j + 1]);
                }
                gradient[2 * i] = 4 * g0;
                gradient[2 * i + 1] = 4 * g1;
            });
            for (var k = 0; k < y.Length; k++)
            {
                // Delta-bar-delta gains: grow while the step keeps its direction, shrink when it flips.
                gains[k] = Math.Sign(gradient[k]) != Math.Sign(update[k]) ? gains[k] + 0.2 : Math.Max(gains[k] * 0.8, 0.01);
                update[k] = momentum * update[k] - rate * gains[k] * gradient[k];
                y[k] += update[k];
            }
            double c0 = 0, c1 = 0;
            for (var i = 0; i < n; i++) { c0 += y[2 * i]; c1 += y[2 * i + 1]; }
            c0 /= n;
            c1 /= n;
            for (var i = 0; i < n; i++) { y[2 * i] -= c0; y[2 * i + 1] -= c1; }
            if (progress is not null && (step % 50 == 0 || step == settings.Iterations - 1))
                progress(step + 1, settings.Iterations);
        }
        return Enumerable.Range(0, n).Select(i => new[] { y[2 * i], y[2 * i + 1] }).ToArray();
    }

    /// <summary>Symmetric joint probabilities p_ij from Gaussians whose widths give each point the wanted perplexity.</summary>
    internal static double[] Affinities(double[][] x, double perplexity, CancellationToken cancellationToken)
    {
        var n = x.Length;
        var d = new double[n * n];
        Parallel.For(0, n, i =>
        {
            for (var j = 0; j < n; j++)
            {
                double s = 0;
                var a = x[i];
                var b = x[j];
                for (var k = 0; k < a.Length; k++) { var t = a[k] - b[k]; s += t * t; }
                d[i * n + j] = s;
            }
        });
        cancellationToken.ThrowIfCancellationRequested();
        var conditional = new double[n * n];
        var target = Math.Log(perplexity);
        Parallel.For(0, n, i =>
        {
            // Binary search on the precision beta = 1 / (2 sigma^2) until the entropy is log(perplexity).
            double beta = 1, low = double.NegativeInfinity, high = double.PositiveInfinity;
            var row = i * n;
            var minD = double.PositiveInfinity;
            for (var j = 0; j < n; j++) if (j != i && d[row + j] < minD) minD = d[row + j];
            for (var attempt = 0; attempt < 64; attempt++)
            {
                double sum = 0, weighted = 0;
                for (var j = 0; j < n; j++)
                {
                    if (j == i) { conditional[row + j] = 0; continue; }
                    // Shifted by the nearest distance so exp never underflows to an all-zero row.
                    var e = Math.Exp(-beta * (d[row + j] - minD));
                    conditional[row + j] = e;
                    sum += e;
                    weighted += e * (d[row + j] - minD);
                }
                var entropy = Math.Log(sum) + beta * weighted / sum;
                for (var j = 0; j < n; j++) conditional[row + j] /= sum;
                var diff = entropy - target;
                if (Math.Abs(diff) < 1e-5) break;
                if (diff > 0)
                {
                    low = beta;
                    beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2;
                }
                else
                {
                    high = beta;
                    beta = double.IsNegativeInfinity(low) ? beta / 2 : (beta + low) / 2;
                }
            }
        });
        var p = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                p[i * n + j] = Math.Max((conditional[i * n + j] + conditional[j * n + i]) / (2.0 * n), 1e-12);
        return p;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

/// <summary>Projection on the top principal subspace by seeded subspace iteration (no full eigendecomposition of a 1280-wide covariance).</summary>
public static class Pca
{
    public static double[][] Project(IReadOnlyList<float[]> points, int dimensions, int seed, int iterations = 4)
    {
        var n = points.Count;
        var d = points[0].Length;
        var k = Math.Min(dimensions, Math.Min(n, d));
        var mean = new double[d];
        foreach (var p in points) for (var c = 0; c < d; c++) mean[c] += p[c];
        for (var c = 0; c < d; c++) mean[c] /= n;
        var x = points.Select(p => Enumerable.Range(0, d).Select(c => p[c] - mean[c]).ToArray()).ToArray();

        var random = new Random(seed);
        var basis = new double[k][];
        for (var j = 0; j < k; j++) basis[j] = Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray();
        Orthonormalise(basis);
        for (var it = 0; it < iterations; it++)
        {
            // basis <- X^T X basis, then orthonormalised: converges to the top-k eigenvectors' span.
            var scores = Scores(x, basis);
            var next = new double[k][];
            Parallel.For(0, k, j =>
            {
                var v = new double[d];
                for (var i = 0; i < n; i++)
                {
                    var s = scores[i][j];
                    var row = x[i];
                    for (var c = 0; c < d; c++) v[c] += s * row[c];
                }
                next[j] = v;
            });
            basis = next;
            Orthonormalise(basis);
        }
        return Scores(x, basis);
    }

    private static double[][] Scores(double[][] x, double[][] basis)
    {
        var result = new double[x.Length][];
        Parallel.For(0, x.Length, i =>
        {
            var row = x[i];
            var s = new double[basis.Length];
            for (var j = 0; j < basis.Length; j++)
            {
                double sum = 0;
                var b = basis[j];
                for (var c = 0; c < row.Length; c++) sum += row[c] * b[c];
                s[j] = sum;
            }
            result[i] = s;
        });
        return result;
    }

    private static void Orthonormalise(double[][] basis)
    {
        for (var j = 0; j < basis.Length; j++)
        {
            var v = basis[j];
            for (var m = 0; m < j; m++)
            {
                double dot = 0;
                for (var c = 0; c < v.Length; c++) dot += v[c] * basis[m][c];
                for (var c = 0; c < v.Length; c++) v[c] -= dot * basis[m][c];
            }
            double norm = 0;
            foreach (var t in v) norm += t * t;
            norm = Math.Sqrt(norm);
            if (norm < 1e-12) continue;
            for (var c = 0; c < v.Length; c++) v[c] /= norm;
        }
    }
}
