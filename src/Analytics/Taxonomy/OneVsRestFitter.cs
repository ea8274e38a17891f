using System.Numerics.Tensors;

namespace Insights.Analytics.Taxonomy;

/// <summary>Posts encoded for fitting: the dense embedding blocks in one row-major matrix and each caption's sparse terms.</summary>
internal sealed record EncodedPosts(float[] Dense, int Dimensions, SparseTerms[] Terms, int Buckets)
{
    public int Count => Terms.Length;

    public int Width => Dimensions + Buckets;

    public ReadOnlySpan<float> Row(int i) => Dense.AsSpan(i * Dimensions, Dimensions);

    public static EncodedPosts From(TaxonomyFeatures features, IReadOnlyList<TaxonomyPost> posts)
    {
        var d = features.EmbeddingDimensions;
        var dense = new float[posts.Count * d];
        var terms = new SparseTerms[posts.Count];
        for (var i = 0; i < posts.Count; i++)
        {
            features.Embedding(posts[i].Embedding).CopyTo(dense.AsSpan(i * d, d));
            terms[i] = features.Caption(posts[i].Caption);
        }
        return new EncodedPosts(dense, d, terms, features.Captions.Buckets);
    }
}

/// <summary>
/// One L2-penalised logistic regression per value (one-vs-rest), fitted by Nesterov's accelerated gradient with the
/// fixed step 1/L, where L = max ||x||^2 / 4 + lambda bounds the curvature of the mean log-loss, and the momentum of a
/// strongly convex problem. No randomness: the same posts give the same weights.
/// </summary>
internal static class OneVsRestFitter
{
    /// <returns>Weights (values rows of width) and biases.</returns>
    public static (float[] Weights, float[] Biases) Fit(EncodedPosts x, bool[][] truth, int values, double l2, int iterations, CancellationToken cancellationToken)
    {
        var width = x.Width;
        var weights = new float[values * width];
        var biases = new float[values];
        double maxNorm = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var norm = (double)TensorPrimitives.Dot(x.Row(i), x.Row(i)) + TensorPrimitives.Dot<float>(x.Terms[i].Weights, x.Terms[i].Weights);
            maxNorm = Math.Max(maxNorm, norm);
        }
        // The bias is a feature of constant 1.
        var lipschitz = 0.25 * (maxNorm + 1) + l2;
        var kappa = lipschitz / l2;
        var momentum = (float)((Math.Sqrt(kappa) - 1) / (Math.Sqrt(kappa) + 1));
        var step = (float)(1.0 / lipschitz);
        for (var v = 0; v < values; v++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (w, b) = FitOne(x, truth, v, (float)l2, step, momentum, iterations, cancellationToken);
            w.CopyTo(weights.AsSpan(v * width, width));
            biases[v] = b;
        }
        return (weights, biases);
    }

    // Checks for cancellation every iteration: one value's fit takes seconds on a busy machine, longer than a host's stop may wait.
    private static (float[] Weights, float Bias) FitOne(EncodedPosts x, bool[][] truth, int value, float l2, float step, float momentum, int iterations, CancellationToken cancellationToken)
    {
        var d = x.Dimensions;
        var n = x.Count;
        var w = new float[x.Width];
        var next = new float[x.Width];
        var look = new float[x.Width]; // the look-ahead point the gradient is taken at
        var gradient = new float[x.Width];
        var difference = new float[x.Width];
        float b = 0, lookB = 0;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TensorPrimitives.Multiply(look, l2, gradient);
            float gradientB = 0;
            var dense = gradient.AsSpan(0, d);
            for (var i = 0; i < n; i++)
            {
                var terms = x.Terms[i];
                var row = x.Row(i);
                var z = lookB + (d > 0 ? TensorPrimitives.Dot(look.AsSpan(0, d), row) : 0f);
                for (var t = 0; t < terms.Indices.Length; t++)
                    z += look[d + terms.Indices[t]] * terms.Weights[t];
                var g = (MultiLabelHead.Sigmoid(z) - (truth[i][value] ? 1f : 0f)) / n;
                if (d > 0)
                    TensorPrimitives.MultiplyAdd(row, g, dense, dense);
                for (var t = 0; t < terms.Indices.Length; t++)
                    gradient[d + terms.Indices[t]] += g * terms.Weights[t];
                gradientB += g;
            }
            TensorPrimitives.MultiplyAdd(gradient, -step, look, next);
            var nextB = lookB - step * gradientB;
            TensorPrimitives.Subtract(next, w, difference);
            TensorPrimitives.MultiplyAdd(difference, momentum, next, look);
            lookB = nextB + momentum * (nextB - b);
            (w, next) = (next, w);
            b = nextB;
        }
        return (w, b);
    }
}
