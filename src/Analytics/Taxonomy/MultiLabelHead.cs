using System.Numerics.Tensors;

namespace Insights.Analytics.Taxonomy;

/// <summary>
/// A trained head for one manual label category: one logistic regression per learned value (one-vs-rest) over
/// <see cref="TaxonomyFeatures"/>, and the rule that turns probabilities into suggestions (top-k or per-value
/// thresholds). Immutable and thread-safe.
/// </summary>
public sealed class MultiLabelHead
{
    private const int Magic = 0x58415449; // "ITAX"
    private const int FormatVersion = 1;

    private readonly float[] _weights; // Values rows of Features.Width, row-major
    private readonly float[] _biases;
    private readonly double[] _thresholds;

    public MultiLabelHead(string category, IReadOnlyList<string> values, TaxonomyFeatures features, float[] weights, float[] biases,
        SuggestionRule rule, int topK, double[] thresholds)
    {
        if (values.Count < 1) throw new ArgumentException("A head needs at least one value.", nameof(values));
        if (weights.Length != values.Count * features.Width) throw new ArgumentException($"Expected {values.Count * features.Width} weights, got {weights.Length}.", nameof(weights));
        if (biases.Length != values.Count || thresholds.Length != values.Count) throw new ArgumentException("One bias and one threshold per value.", nameof(biases));
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        Category = category;
        Values = values;
        Features = features;
        _weights = weights;
        _biases = biases;
        Rule = rule;
        TopK = topK;
        _thresholds = thresholds;
    }

    public string Category { get; }

    /// <summary>The learned values, in the order of the probabilities.</summary>
    public IReadOnlyList<string> Values { get; }

    public TaxonomyFeatures Features { get; }

    public SuggestionRule Rule { get; }

    public int TopK { get; }

    /// <summary>Probability threshold of each value under the threshold rule.</summary>
    public IReadOnlyList<double> Thresholds => _thresholds;

    /// <summary>Probability of every learned value for one post.</summary>
    public float[] Probabilities(float[]? embedding, string? caption) =>
        Probabilities(Features.Embedding(embedding), Features.Caption(caption));

    internal float[] Probabilities(ReadOnlySpan<float> dense, SparseTerms terms)
    {
        var width = Features.Width;
        var d = Features.EmbeddingDimensions;
        var result = new float[Values.Count];
        for (var v = 0; v < Values.Count; v++)
        {
            var row = _weights.AsSpan(v * width, width);
            var z = _biases[v] + (d > 0 ? TensorPrimitives.Dot(row[..d], dense) : 0f);
            for (var t = 0; t < terms.Indices.Length; t++)
                z += row[d + terms.Indices[t]] * terms.Weights[t];
            result[v] = Sigmoid(z);
        }
        return result;
    }

    internal float[] WeightsCopy() => (float[])_weights.Clone();

    internal float[] BiasesCopy() => (float[])_biases.Clone();

    /// <summary>The values suggested for one post under the head's rule, most probable first.</summary>
    public IReadOnlyList<SuggestedValue> Suggest(float[]? embedding, string? caption)
    {
        var probabilities = Probabilities(embedding, caption);
        return Apply(probabilities, Rule, TopK, _thresholds)
            .Select(v => new SuggestedValue(Values[v], probabilities[v]))
            .OrderByDescending(v => v.Confidence).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
    }

    /// <summary>Indices of the values a rule picks from one post's probabilities.</summary>
    internal static IEnumerable<int> Apply(float[] probabilities, SuggestionRule rule, int k, IReadOnlyList<double> thresholds) =>
        rule == SuggestionRule.TopK
            ? Ranked(probabilities).Take(k)
            : Enumerable.Range(0, probabilities.Length).Where(v => probabilities[v] >= thresholds[v]);

    /// <summary>Value indices by falling probability (ties by index).</summary>
    internal static IEnumerable<int> Ranked(float[] probabilities) =>
        Enumerable.Range(0, probabilities.Length).OrderByDescending(v => probabilities[v]).ThenBy(v => v);

    internal static float Sigmoid(float z) => z >= 0 ? 1f / (1f + MathF.Exp(-z)) : MathF.Exp(z) / (1f + MathF.Exp(z));

    /// <summary>Writes the head as a small binary file (values, rule, features, weights; little-endian).</summary>
    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Category);
        writer.Write(Values.Count);
        foreach (var value in Values) writer.Write(value);
        writer.Write((int)Rule);
        writer.Write(TopK);
        foreach (var t in _thresholds) writer.Write(t);
        writer.Write(Features.EmbeddingDimensions);
        foreach (var m in Features.Mean) writer.Write(m);
        foreach (var s in Features.Scale) writer.Write(s);
        var idf = Features.Captions.Idf;
        writer.Write(idf.Length);
        foreach (var w in idf) writer.Write(w);
        foreach (var b in _biases) writer.Write(b);
        foreach (var w in _weights) writer.Write(w);
    }

    public static MultiLabelHead Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic) throw new InvalidDataException("Not a taxonomy head.");
        var version = reader.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"Taxonomy head format {version} is not supported (expected {FormatVersion}).");
        var category = reader.ReadString();
        var count = reader.ReadInt32();
        if (count is < 1 or > 100_000) throw new InvalidDataException("Corrupt taxonomy head header.");
        var values = Enumerable.Range(0, count).Select(_ => reader.ReadString()).ToList();
        var rule = (SuggestionRule)reader.ReadInt32();
        var k = reader.ReadInt32();
        var thresholds = Enumerable.Range(0, count).Select(_ => reader.ReadDouble()).ToArray();
        var d = reader.ReadInt32();
        if (d is < 0 or > 1_000_000) throw new InvalidDataException("Corrupt taxonomy head header.");
        var mean = ReadFloats(reader, d);
        var scale = ReadFloats(reader, d);
        var buckets = reader.ReadInt32();
        if (buckets is < 1 or > 1 << 24) throw new InvalidDataException("Corrupt taxonomy head header.");
        var features = new TaxonomyFeatures(mean, scale, new CaptionVectorizer(ReadFloats(reader, buckets)));
        var biases = ReadFloats(reader, count);
        var weights = ReadFloats(reader, count * features.Width);
        return new MultiLabelHead(category, values, features, weights, biases, rule, k, thresholds);
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var result = new float[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.AsSpan());
        if (reader.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
            throw new EndOfStreamException("Truncated taxonomy head.");
        return result;
    }
}
