using Insights.Inference.Onnx;

namespace Insights.Inference.Quantisation;

/// <summary>
/// Post-training static quantisation of a converted graph in QDQ form: each quantised Conv gets int8
/// weights (symmetric, one scale per output channel), an int32 bias at input scale x weight scale,
/// and QuantizeLinear/DequantizeLinear pairs (uint8, asymmetric, calibrated range) on its input and on
/// its output (after its Relu/Clip when it has one), which ONNX Runtime's CPU provider fuses into
/// QLinearConv. Convs whose output reaches a graph output within a few nodes (the heads) stay float:
/// their outputs are scores compared with thresholds, where 8 bits would move decisions.
/// </summary>
internal static class QdqQuantiser
{
    // a graph output this many nodes or fewer downstream of a Conv keeps that Conv in float
    private const int HeadDepth = 4;

    private const int MaxBias = 1 << 24;

    private static readonly HashSet<string> Activations = new(StringComparer.Ordinal) { "Relu", "Clip" };

    /// <summary>The Convs to quantise and the activation tensors whose ranges calibration must measure.</summary>
    /// <remarks><paramref name="floatLeadingConvs"/>: that many of the first quantisable Convs, in graph order, stay float.</remarks>
    public static QuantisationPlan Plan(OnnxGraph graph, int floatLeadingConvs = 0)
    {
        var consumers = Consumers(graph);
        var initializers = graph.Initializers.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var outputs = graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var convs = new List<PlannedConv>();
        foreach (var node in graph.Nodes.Where(n => n.OpType == "Conv" && n.Inputs.Count >= 2 && initializers.Contains(n.Inputs[1])))
        {
            var output = node.Outputs[0];
            if (consumers.GetValueOrDefault(output) is [{ } next] && Activations.Contains(next.OpType))
                output = next.Outputs[0];
            if (ReachesOutput(output, HeadDepth, consumers, outputs) || initializers.Contains(node.Inputs[0]))
                continue;
            convs.Add(new PlannedConv(node, node.Inputs[0], output));
        }

        convs.RemoveRange(0, Math.Min(floatLeadingConvs, convs.Count));
        var tensors = convs.SelectMany(c => new[] { c.Input, c.Output }).Distinct(StringComparer.Ordinal).ToList();
        return new QuantisationPlan(convs, tensors);
    }

    /// <summary>The float model with every planned activation tensor also exposed as an output, for calibration.</summary>
    public static byte[] Instrumented(OnnxModel model, QuantisationPlan plan)
    {
        var added = plan.Tensors.Where(t => model.Graph.Outputs.All(o => o.Name != t)).Select(t => new OnnxValueInfo(t, OnnxDataType.Float, null)).ToList();
        model.Graph.Outputs.AddRange(added);
        try
        {
            return model.ToByteArray();
        }
        finally
        {
            model.Graph.Outputs.RemoveRange(model.Graph.Outputs.Count - added.Count, added.Count);
        }
    }

    /// <summary>Rewrites <paramref name="model"/> in place into its QDQ int8 form.</summary>
    public static void Apply(OnnxModel model, QuantisationPlan plan, IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        var graph = model.Graph;
        var initializers = graph.Initializers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var activations = new Dictionary<string, (string Scale, string ZeroPoint, float ScaleValue)>(StringComparer.Ordinal);
        var added = new List<OnnxTensor>();
        foreach (var tensor in plan.Tensors)
        {
            var range = ranges.TryGetValue(tensor, out var r) ? r : throw new InvalidOperationException($"no calibrated range for '{tensor}'");
            var (scale, zeroPoint) = range.ToUInt8();
            added.Add(OnnxTensor.FromFloats(tensor + "/q_scale", [], [scale]));
            added.Add(OnnxTensor.FromUInt8s(tensor + "/q_zero_point", [], [zeroPoint]));
            activations[tensor] = (tensor + "/q_scale", tensor + "/q_zero_point", scale);
        }

        var weightNodes = new Dictionary<OnnxNode, List<OnnxNode>>();
        var unused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var conv in plan.Convs)
        {
            var nodes = new List<OnnxNode>();
            var weights = initializers[conv.Node.Inputs[1]];
            var bias = conv.Node.Inputs.Count > 2 ? initializers.GetValueOrDefault(conv.Node.Inputs[2]) : null;
            var inputScale = activations[conv.Input].ScaleValue;
            var biasValues = bias is null ? null : WeightQuantisation.Floats(bias);
            // the bias is stored as int32 at input scale x weight scale: keep it within 2^24 (no overflow, exact in float)
            // depthwise: one group per output channel, each reading one input channel
            var group = conv.Node.Attributes.FirstOrDefault(a => a.Name == "group")?.IntValue ?? 1;
            var depthwise = group > 1 && group == weights.Dims[0] && weights.Dims[1] == 1;
            var quantised = WeightQuantisation.PerChannel(weights, depthwise, biasValues?.Select(b => Math.Abs(b) / (inputScale * MaxBias)).ToArray());
            var prefix = conv.Node.Name;
            added.Add(OnnxTensor.FromInt8s(prefix + "/W_int8", weights.Dims, quantised.Values));
            added.Add(OnnxTensor.FromFloats(prefix + "/W_scale", [quantised.Scales.Length], quantised.Scales));
            added.Add(OnnxTensor.FromInt8s(prefix + "/W_zero_point", [quantised.Scales.Length], new sbyte[quantised.Scales.Length]));
            nodes.Add(Dequantize(prefix + "/W", [prefix + "/W_int8", prefix + "/W_scale", prefix + "/W_zero_point"], axis: true));
            unused.Add(conv.Node.Inputs[1]);
            conv.Node.Inputs[1] = prefix + "/W/dequantized";
            if (bias is not null && biasValues is not null)
            {
                var biasScales = quantised.Scales.Select(s => s * inputScale).ToArray();
                var biasInt = biasValues.Select((b, i) => (int)Math.Clamp(MathF.Round(b / biasScales[i]), -MaxBias, MaxBias)).ToArray();
                added.Add(OnnxTensor.FromInt32s(prefix + "/B_int32", bias.Dims, biasInt));
                added.Add(OnnxTensor.FromFloats(prefix + "/B_scale", [biasScales.Length], biasScales));
                nodes.Add(Dequantize(prefix + "/B", [prefix + "/B_int32", prefix + "/B_scale"], axis: true));
                unused.Add(conv.Node.Inputs[2]);
                conv.Node.Inputs[2] = prefix + "/B/dequantized";
            }

            weightNodes[conv.Node] = nodes;
        }

        // every consumer of a quantised tensor reads its dequantised copy; nodes stay in topological order
        var rewritten = new List<OnnxNode>();
        foreach (var input in graph.Inputs.Where(i => activations.ContainsKey(i.Name)))
            rewritten.AddRange(QuantizePair(input.Name, activations[input.Name]));
        foreach (var node in graph.Nodes)
        {
            for (var i = 0; i < node.Inputs.Count; i++)
            {
                if (activations.ContainsKey(node.Inputs[i]))
                    node.Inputs[i] += "/dequantized";
            }

            rewritten.AddRange(weightNodes.GetValueOrDefault(node) ?? []);
            rewritten.Add(node);
            foreach (var output in node.Outputs.Where(activations.ContainsKey))
                rewritten.AddRange(QuantizePair(output, activations[output]));
        }

        graph.Nodes.Clear();
        graph.Nodes.AddRange(rewritten);
        graph.Initializers.RemoveAll(t => unused.Contains(t.Name));
        graph.Initializers.AddRange(added);
    }

    private static IEnumerable<OnnxNode> QuantizePair(string tensor, (string Scale, string ZeroPoint, float _) parameters)
    {
        yield return new OnnxNode { OpType = "QuantizeLinear", Name = tensor + "/quantize", Inputs = [tensor, parameters.Scale, parameters.ZeroPoint], Outputs = [tensor + "/quantized"] };
        yield return Dequantize(tensor, [tensor + "/quantized", parameters.Scale, parameters.ZeroPoint], axis: false);
    }

    private static OnnxNode Dequantize(string tensor, List<string> inputs, bool axis)
    {
        var node = new OnnxNode { OpType = "DequantizeLinear", Name = tensor + "/dequantize", Inputs = inputs, Outputs = [tensor + "/dequantized"] };
        if (axis)
            node.Attributes.Add(OnnxAttribute.Int("axis", 0));
        return node;
    }

    private static Dictionary<string, List<OnnxNode>> Consumers(OnnxGraph graph)
    {
        var consumers = new Dictionary<string, List<OnnxNode>>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            foreach (var input in node.Inputs.Distinct(StringComparer.Ordinal))
            {
                if (!consumers.TryGetValue(input, out var list))
                    consumers[input] = list = [];
                list.Add(node);
            }
        }

        return consumers;
    }

    private static bool ReachesOutput(string tensor, int depth, Dictionary<string, List<OnnxNode>> consumers, HashSet<string> outputs) =>
        outputs.Contains(tensor) || depth > 0 && consumers.GetValueOrDefault(tensor, []).Any(n => n.Outputs.Any(o => ReachesOutput(o, depth - 1, consumers, outputs)));
}

/// <summary>A Conv to quantise: the node, its activation input and the tensor after its activation function.</summary>
internal sealed record PlannedConv(OnnxNode Node, string Input, string Output);

/// <summary>What <see cref="QdqQuantiser.Plan"/> found: the Convs and the activation tensors to calibrate.</summary>
internal sealed record QuantisationPlan(IReadOnlyList<PlannedConv> Convs, IReadOnlyList<string> Tensors);
