using System.Text.Json;
using System.Text.Json.Serialization;
using Insights.Inference.Quantisation;

namespace Insights.Inference.Models;

/// <summary>What the cache records beside each ONNX file; written by <see cref="ModelStore"/> after conversion.</summary>
public sealed record ModelManifest
{
    public required string Name { get; init; }
    public required string Package { get; init; }
    public required string Version { get; init; }
    public required string Licence { get; init; }
    /// <summary>Format of the source files: tfjs-layers, tfjs-graph or onnx.</summary>
    public required string SourceFormat { get; init; }
    public required IReadOnlyList<string> SourceFiles { get; init; }
    public required string ConverterVersion { get; init; }
    public required string File { get; init; }
    public required string Sha256 { get; init; }
    public required long SizeBytes { get; init; }
    public required IReadOnlyList<TensorDescription> Inputs { get; init; }
    public required IReadOnlyList<TensorDescription> Outputs { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required Preprocessing Preprocessing { get; init; }
    public DateTime CreatedUtc { get; init; }
    /// <summary>Float (as converted, the default) or Int8 (rewritten by the quantisation pass).</summary>
    public ModelPrecision Precision { get; init; } = ModelPrecision.Float;
    /// <summary>For an int8 model: how it was quantised, from which float file, and the gate's verdict.</summary>
    public QuantisationReport? Quantisation { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public TensorDescription Input => Inputs[0];

    public TensorDescription Output(string name) =>
        Outputs.FirstOrDefault(o => o.Name == name) ?? throw new KeyNotFoundException($"model '{Name}' has no output '{name}'");
}

/// <summary>A model input or output: name, shape (-1 for a size fixed only at run time) and layout (NHWC, NCHW, or e.g. "N,C" for plain matrices).</summary>
public sealed record TensorDescription(string Name, IReadOnlyList<long> Shape, string Layout, string Description = "");

/// <summary>
/// How pixels become the model input: resize to Width x Height, then (value - Mean[c]) * Scale[c]
/// per channel in ChannelOrder, laid out as the input's layout says.
/// </summary>
public sealed record Preprocessing(int Width, int Height, IReadOnlyList<float> Mean, IReadOnlyList<float> Scale, string ChannelOrder, string Resize);
