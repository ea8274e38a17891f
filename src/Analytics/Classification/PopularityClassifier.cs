using System.Numerics.Tensors;

namespace Insights.Analytics.Classification;

/// <summary>
/// A trained linear multiclass head over L2-normalised embeddings: logit_c = w_c · e + b_c, probabilities by softmax.
/// The weights are the effective ones in the embedding space (any standardisation used in training is folded in),
/// so they also give exact class activation maps. Immutable and thread-safe.
/// </summary>
public sealed class PopularityClassifier
{
    private const int Magic = 0x43535049; // "IPSC"
    private const int FormatVersion = 1;

    private readonly float[] _weights; // ClassCount rows of Dimensions, row-major
    private readonly float[] _biases;

    public PopularityClassifier(int classCount, int dimensions, float[] weights, float[] biases)
    {
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), "A classifier needs at least 2 classes.");
        if (dimensions < 1) throw new ArgumentOutOfRangeException(nameof(dimensions));
        if (weights.Length != classCount * dimensions) throw new ArgumentException($"Expected {classCount * dimensions} weights, got {weights.Length}.", nameof(weights));
        if (biases.Length != classCount) throw new ArgumentException($"Expected {classCount} biases, got {biases.Length}.", nameof(biases));
        ClassCount = classCount;
        Dimensions = dimensions;
        _weights = weights;
        _biases = biases;
    }

    /// <summary>K, the number of popularity classes (class 0 = lowest popularity).</summary>
    public int ClassCount { get; }

    /// <summary>Length of the embeddings the head reads (1280 for MobileNetV2).</summary>
    public int Dimensions { get; }

    /// <summary>Logits w_c · e + b_c of every class.</summary>
    public float[] Logits(ReadOnlySpan<float> normalizedEmbedding)
    {
        if (normalizedEmbedding.Length != Dimensions)
            throw new ArgumentException($"The classifier reads {Dimensions}-d embeddings, got {normalizedEmbedding.Length}.", nameof(normalizedEmbedding));
        var logits = new float[ClassCount];
        for (var c = 0; c < ClassCount; c++)
            logits[c] = TensorPrimitives.Dot(_weights.AsSpan(c * Dimensions, Dimensions), normalizedEmbedding) + _biases[c];
        return logits;
    }

    /// <summary>Class probabilities (softmax of the logits), index 0 = lowest popularity.</summary>
    public float[] Probabilities(ReadOnlySpan<float> normalizedEmbedding)
    {
        var logits = Logits(normalizedEmbedding);
        var probabilities = new float[ClassCount];
        TensorPrimitives.SoftMax(logits, probabilities);
        return probabilities;
    }

    /// <summary>The most probable class.</summary>
    public int Predict(ReadOnlySpan<float> normalizedEmbedding) => TensorPrimitives.IndexOfMax(Logits(normalizedEmbedding));

    /// <summary>A copy of the effective weights w_c of one class in the normalised-embedding space.</summary>
    public float[] ClassWeights(int classIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, ClassCount);
        return _weights.AsSpan(classIndex * Dimensions, Dimensions).ToArray();
    }

    /// <summary>The effective bias b_c of one class.</summary>
    public float Bias(int classIndex) => _biases[classIndex];

    /// <summary>Writes the head as a small binary file (header, biases, weights; little-endian floats).</summary>
    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ClassCount);
        writer.Write(Dimensions);
        foreach (var b in _biases) writer.Write(b);
        foreach (var w in _weights) writer.Write(w);
    }

    public static PopularityClassifier Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic) throw new InvalidDataException("Not a popularity classifier file.");
        var version = reader.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"Popularity classifier format {version} is not supported (expected {FormatVersion}).");
        var classes = reader.ReadInt32();
        var dimensions = reader.ReadInt32();
        if (classes is < 2 or > 100 || dimensions is < 1 or > 1_000_000) throw new InvalidDataException("Corrupt popularity classifier header.");
        var biases = new float[classes];
        for (var c = 0; c < classes; c++) biases[c] = reader.ReadSingle();
        var weights = new float[classes * dimensions];
        for (var i = 0; i < weights.Length; i++) weights[i] = reader.ReadSingle();
        return new PopularityClassifier(classes, dimensions, weights, biases);
    }
}
