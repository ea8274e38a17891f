using System.Numerics.Tensors;

namespace Insights.Analytics.Taxonomy;

/// <summary>
/// Turns a post into the heads' input: the image embedding centred and scaled per dimension (to unit variance, then by
/// 1/sqrt(d) so the block has about unit length like the caption's) followed by the caption's TF-IDF vector. A post
/// without an embedding gets the training mean (zeros after centring). Learned on training posts only.
/// </summary>
public sealed class TaxonomyFeatures
{
    private readonly float[] _mean;
    private readonly float[] _scale;

    public TaxonomyFeatures(float[] mean, float[] scale, CaptionVectorizer captions)
    {
        if (mean.Length != scale.Length)
            throw new ArgumentException($"Embedding mean has {mean.Length} dimensions, scale {scale.Length}.", nameof(scale));
        _mean = mean;
        _scale = scale;
        Captions = captions;
    }

    /// <summary>Length of the embeddings read (0 when no training post had one).</summary>
    public int EmbeddingDimensions => _mean.Length;

    public CaptionVectorizer Captions { get; }

    /// <summary>Weights per post: the dense embedding block plus the caption buckets.</summary>
    public int Width => EmbeddingDimensions + Captions.Buckets;

    public float[] Mean => (float[])_mean.Clone();

    public float[] Scale => (float[])_scale.Clone();

    public static TaxonomyFeatures Fit(IReadOnlyList<TaxonomyPost> posts, int hashBuckets)
    {
        var withEmbedding = posts.Where(p => p.Embedding is { Length: > 0 }).Select(p => p.Embedding!).ToList();
        var d = withEmbedding.Count > 0 ? withEmbedding[0].Length : 0;
        if (withEmbedding.FirstOrDefault(e => e.Length != d) is { } odd)
            throw new ArgumentException($"Embeddings have {d} and {odd.Length} dimensions; they must all match.", nameof(posts));
        var mean = new double[d];
        foreach (var e in withEmbedding)
            for (var j = 0; j < d; j++) mean[j] += e[j];
        for (var j = 0; j < d; j++) mean[j] /= Math.Max(1, withEmbedding.Count);
        var m2 = new double[d];
        foreach (var e in withEmbedding)
            for (var j = 0; j < d; j++) { var v = e[j] - mean[j]; m2[j] += v * v; }
        var meanF = new float[d];
        var scale = new float[d];
        var perDimension = 1.0 / Math.Sqrt(Math.Max(1, d));
        for (var j = 0; j < d; j++)
        {
            meanF[j] = (float)mean[j];
            var sd = Math.Sqrt(m2[j] / Math.Max(1, withEmbedding.Count - 1));
            // A dimension that never varies carries nothing: weight 0.
            scale[j] = sd > 1e-8 ? (float)(perDimension / sd) : 0f;
        }
        return new TaxonomyFeatures(meanF, scale, CaptionVectorizer.Fit(posts.Select(p => p.Caption), hashBuckets));
    }

    /// <summary>The dense embedding block of a post (zeros without a usable embedding).</summary>
    public float[] Embedding(float[]? embedding)
    {
        var block = new float[EmbeddingDimensions];
        if (embedding is null || embedding.Length != EmbeddingDimensions || EmbeddingDimensions == 0)
            return block;
        TensorPrimitives.Subtract(embedding, _mean, block);
        TensorPrimitives.Multiply(block, _scale, block);
        return block;
    }

    public SparseTerms Caption(string? caption) => Captions.Transform(caption);
}
