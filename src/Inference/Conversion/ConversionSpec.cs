namespace Insights.Inference.Conversion;

/// <summary>
/// One output the caller wants from a converted model: the source layer or node, the ONNX output name,
/// and whether a 4-D result stays channels-first (NCHW, as computed) or goes back to the source's NHWC.
/// </summary>
public sealed record OutputSpec(string Source, string Name, bool ChannelsFirst = true);

/// <summary>What to convert: the NHWC input name and size (batch 1) and the outputs to expose.</summary>
public sealed record ConversionSpec(string InputName, int Height, int Width, int Channels, IReadOnlyList<OutputSpec> Outputs);
