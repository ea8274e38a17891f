using System.Text;
using System.Text.Json.Nodes;
using Insights.Inference.Onnx;

namespace Insights.Inference.Conversion.Graph;

/// <summary>
/// Converts a TF.js graph model (GraphDef as JSON + decoded weights) to an NCHW ONNX graph. Only the
/// nodes the requested outputs depend on are converted, so in-graph post-processing (top-k, NMS,
/// loops) is cut away when the caller asks for the raw heads. 4-D activations are kept channels-first
/// from the single input transpose on; axes, paddings and per-channel constants are remapped.
/// </summary>
internal sealed class GraphModelConverter
{
    private static readonly int[] NhwcToNchwAxis = [0, 2, 3, 1];

    private readonly OnnxGraphBuilder _builder = new();
    private readonly Dictionary<string, JsonObject> _nodes;
    private readonly Dictionary<string, TfjsWeight> _weights;
    private readonly Dictionary<string, Value> _values = new(StringComparer.Ordinal);
    private readonly ConversionSpec _spec;

    private GraphModelConverter(JsonObject graph, Dictionary<string, TfjsWeight> weights, ConversionSpec spec)
    {
        _nodes = graph["node"]!.AsArray().Select(n => n!.AsObject()).ToDictionary(n => (string)n["name"]!, StringComparer.Ordinal);
        _weights = weights;
        _spec = spec;
    }

    public static OnnxModel Convert(JsonObject modelTopology, Dictionary<string, TfjsWeight> weights, ConversionSpec spec, IReadOnlyDictionary<string, string> metadata)
    {
        var converter = new GraphModelConverter(modelTopology, weights, spec);
        foreach (var output in spec.Outputs)
        {
            var value = converter.Resolve(output.Source);
            var tensor = value.Onnx(converter);
            if (value.ChannelsFirst && !output.ChannelsFirst)
                tensor = converter._builder.ToNhwc(tensor, output.Name + "/nhwc");
            converter._builder.AddOutput(tensor, output.Name, new long?[value.Rank]);
        }

        return converter._builder.Build(metadata);
    }

    /// <summary>A converted tensor: its ONNX name (or a constant not yet emitted), rank and layout.</summary>
    private sealed class Value
    {
        private string? _onnx;

        public Value(string onnx, int rank, bool channelsFirst)
        {
            _onnx = onnx;
            Rank = rank;
            ChannelsFirst = channelsFirst;
        }

        public Value(TfjsWeight constant)
        {
            Constant = constant;
            Rank = constant.Shape.Length;
        }

        public TfjsWeight? Constant { get; }
        public int Rank { get; }
        public bool ChannelsFirst { get; }

        public string Onnx(GraphModelConverter converter) =>
            _onnx ??= converter._builder.Floats(Constant!.Name, [.. Constant.Shape.Select(d => (long)d)], Constant.RequireFloats());
    }

    private Value Resolve(string input)
    {
        var name = input.Split(':')[0];
        if (_values.TryGetValue(name, out var known))
            return known;
        if (!_nodes.TryGetValue(name, out var node))
            throw new InvalidDataException($"the graph has no node '{name}'");
        var value = ConvertNode(name, node);
        _values[name] = value;
        return value;
    }

    private Value ConvertNode(string name, JsonObject node)
    {
        var op = (string)node["op"]!;
        var attr = node["attr"]?.AsObject() ?? [];
        var inputs = node["input"]?.AsArray().Select(i => (string)i!).Where(i => !i.StartsWith('^')).ToList() ?? [];
        switch (op)
        {
            case "Const":
                return new Value(_weights.TryGetValue(name, out var weight)
                    ? weight
                    : throw new InvalidDataException($"constant '{name}' is not in the weights manifest"));
            case "Placeholder":
                _builder.AddInput(_spec.InputName, [1, _spec.Height, _spec.Width, _spec.Channels]);
                return new Value(_builder.ToNchw(_spec.InputName, name), 4, true);
            case "Identity":
                return Resolve(inputs[0]);
            case "Conv2D":
            case "_FusedConv2D":
            case "DepthwiseConv2dNative":
            case "FusedDepthwiseConv2dNative":
                return Convolution(name, op, attr, inputs);
            case "Add":
            case "AddV2":
            case "BiasAdd":
                return Binary(name, "Add", inputs);
            case "Sub":
                return Binary(name, "Sub", inputs);
            case "Mul":
                return Binary(name, "Mul", inputs);
            case "RealDiv":
                return Binary(name, "Div", inputs);
            case "Maximum":
                return Binary(name, "Max", inputs);
            case "Minimum":
                return Binary(name, "Min", inputs);
            case "Relu":
            case "Sigmoid":
            case "Tanh":
                return Unary(name, op, inputs[0]);
            case "Relu6":
                var x6 = Resolve(inputs[0]);
                return new Value(_builder.Relu6(x6.Onnx(this), name), x6.Rank, x6.ChannelsFirst);
            case "Mean":
                return Mean(name, attr, inputs);
            case "MaxPool":
            case "AvgPool":
                var pooled = Resolve(inputs[0]);
                RequireChannelsFirst(pooled, name);
                var k = Ints(attr, "ksize");
                var s = Ints(attr, "strides");
                return new Value(_builder.Node(op == "MaxPool" ? "MaxPool" : "AveragePool", [pooled.Onnx(this)], name,
                    OnnxAttribute.Ints("kernel_shape", k[1], k[2]), OnnxAttribute.Ints("strides", s[1], s[2]),
                    OnnxGraphBuilder.PaddingAttribute(String(attr, "padding"))), 4, true);
            case "ResizeBilinear":
            case "ResizeNearestNeighbor":
                return Resize(name, op, attr, inputs);
            case "ConcatV2":
                return Concat(name, inputs);
            case "Reshape":
                var reshaped = Resolve(inputs[0]);
                var data = reshaped.ChannelsFirst ? _builder.ToNhwc(reshaped.Onnx(this), name + "/nhwc") : reshaped.Onnx(this);
                var shape = ConstInts(inputs[1]);
                return new Value(_builder.Node("Reshape", [data, _builder.Int64s(name + "/shape", [.. shape.Select(v => (long)v)])], name), shape.Length, false);
            case "Pad":
                return Pad(name, inputs);
            default:
                throw new NotSupportedException($"op {op} (node '{name}') is not supported by the converter");
        }
    }

    private Value Convolution(string name, string op, JsonObject attr, List<string> inputs)
    {
        var x = Resolve(inputs[0]);
        RequireChannelsFirst(x, name);
        var kernel = Resolve(inputs[1]).Constant ?? throw new NotSupportedException($"'{name}': only constant kernels are supported");
        var depthwise = op.Contains("Depthwise", StringComparison.Ordinal);
        var fused = attr["fused_ops"]?["list"]?["s"]?.AsArray().Select(v => Encoding.UTF8.GetString(System.Convert.FromBase64String((string)v!))).ToList() ?? [];
        float[]? bias = null;
        string? activation = null;
        foreach (var fusedOp in fused)
        {
            switch (fusedOp)
            {
                case "BiasAdd":
                    bias = (Resolve(inputs[2]).Constant ?? throw new NotSupportedException($"'{name}': bias must be constant")).RequireFloats();
                    break;
                case "Relu":
                case "Relu6":
                    activation = fusedOp;
                    break;
                default:
                    throw new NotSupportedException($"'{name}': fused op {fusedOp} is not supported");
            }
        }

        var weights = depthwise
            ? ConvWeights.FromDepthwise(kernel.Shape, kernel.RequireFloats(), bias)
            : ConvWeights.FromHwio(kernel.Shape, kernel.RequireFloats(), bias);
        var strides = Ints(attr, "strides");
        var dilations = attr["dilations"] is null ? [1, 1, 1, 1] : Ints(attr, "dilations");
        var output = _builder.Conv(x.Onnx(this), name, weights, [strides[1], strides[2]], [dilations[1], dilations[2]], String(attr, "padding"),
            depthwise ? kernel.Shape[2] : 1);
        output = activation switch
        {
            "Relu" => _builder.Node("Relu", [output], name + "/relu"),
            "Relu6" => _builder.Relu6(output, name + "/relu6"),
            _ => output,
        };
        return new Value(output, 4, true);
    }

    private Value Binary(string name, string onnxOp, List<string> inputs)
    {
        var a = Resolve(inputs[0]);
        var b = Resolve(inputs[1]);
        if (a.Constant is not null && b.Constant is not null)
            throw new NotSupportedException($"'{name}': constant folding is not supported");
        var channelsFirst = a.ChannelsFirst || b.ChannelsFirst;
        var rank = Math.Max(a.Rank, b.Rank);
        return new Value(_builder.Node(onnxOp, [Operand(a, channelsFirst, name), Operand(b, channelsFirst, name)], name), rank, channelsFirst);
    }

    // A constant broadcast against an NCHW activation was written for NHWC: per-channel vectors
    // become [C, 1, 1] and 4-D constants are transposed, so the arithmetic stays the same.
    private string Operand(Value value, bool channelsFirst, string name)
    {
        if (value.Constant is not { } constant || !channelsFirst)
            return value.Onnx(this);
        var shape = constant.Shape;
        var values = constant.RequireFloats();
        if (values.Length == 1)
            return _builder.Floats(constant.Name, [], [values[0]]);
        if (shape.Length == 1)
            return _builder.Floats(constant.Name, [shape[0], 1, 1], values);
        if (shape.Length == 4)
        {
            int h = shape[1], w = shape[2], c = shape[3];
            var nchw = new float[values.Length];
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                    for (var ch = 0; ch < c; ch++)
                        nchw[(ch * h + y) * w + x] = values[(y * w + x) * c + ch];
            return _builder.Floats(constant.Name, [1, c, h, w], nchw);
        }

        throw new NotSupportedException($"'{name}': cannot broadcast a constant of shape [{string.Join(',', shape)}] against an NCHW tensor");
    }

    private Value Unary(string name, string op, string input)
    {
        var x = Resolve(input);
        return new Value(_builder.Node(op, [x.Onnx(this)], name), x.Rank, x.ChannelsFirst);
    }

    private Value Mean(string name, JsonObject attr, List<string> inputs)
    {
        var x = Resolve(inputs[0]);
        var axes = ConstInts(inputs[1]).Select(a => a < 0 ? a + x.Rank : a).ToArray();
        var keep = attr["keep_dims"]?["b"]?.GetValue<bool>() ?? false;
        if (x.ChannelsFirst)
            axes = [.. axes.Select(a => NhwcToNchwAxis[a])];
        if (x.ChannelsFirst && !keep && !axes.Order().SequenceEqual([2, 3]))
            throw new NotSupportedException($"'{name}': Mean without keep_dims is only supported over the spatial axes");
        var output = _builder.Node("ReduceMean", [x.Onnx(this)], name,
            OnnxAttribute.Ints("axes", [.. axes.Select(a => (long)a)]), OnnxAttribute.Int("keepdims", keep ? 1 : 0));
        return new Value(output, keep ? x.Rank : x.Rank - axes.Length, x.ChannelsFirst && keep);
    }

    private Value Resize(string name, string op, JsonObject attr, List<string> inputs)
    {
        var x = Resolve(inputs[0]);
        RequireChannelsFirst(x, name);
        var size = ConstInts(inputs[1]);
        var alignCorners = attr["align_corners"]?["b"]?.GetValue<bool>() ?? false;
        var halfPixel = attr["half_pixel_centers"]?["b"]?.GetValue<bool>() ?? false;
        var linear = op == "ResizeBilinear";
        var mode = alignCorners ? "align_corners" : halfPixel ? (linear ? "half_pixel" : "tf_half_pixel_for_nn") : "asymmetric";

        // sizes = [N, C] of the input followed by the target [H, W]
        var shape = _builder.Node("Shape", [x.Onnx(this)], name + "/shape");
        var batchAndChannels = _builder.Node("Slice", [shape, _builder.Int64s(name + "/start", 0), _builder.Int64s(name + "/end", 2), _builder.Int64s(name + "/axis", 0)], name + "/nc");
        var sizes = _builder.Node("Concat", [batchAndChannels, _builder.Int64s(name + "/hw", size[0], size[1])], name + "/sizes", OnnxAttribute.Int("axis", 0));
        var attributes = new List<OnnxAttribute> { OnnxAttribute.String("mode", linear ? "linear" : "nearest"), OnnxAttribute.String("coordinate_transformation_mode", mode) };
        if (!linear)
            attributes.Add(OnnxAttribute.String("nearest_mode", alignCorners ? "round_prefer_ceil" : "floor"));
        return new Value(_builder.Node("Resize", [x.Onnx(this), string.Empty, string.Empty, sizes], name, [.. attributes]), 4, true);
    }

    private Value Concat(string name, List<string> inputs)
    {
        var parts = inputs.Take(inputs.Count - 1).Select(Resolve).ToList();
        var axis = ConstInts(inputs[^1])[0];
        var rank = parts.Max(p => p.Rank);
        var channelsFirst = parts.Any(p => p.ChannelsFirst);
        if (axis < 0)
            axis += rank;
        if (channelsFirst)
            axis = NhwcToNchwAxis[axis];
        return new Value(_builder.Node("Concat", parts.Select(p => Operand(p, channelsFirst, name)), name, OnnxAttribute.Int("axis", axis)), rank, channelsFirst);
    }

    private Value Pad(string name, List<string> inputs)
    {
        var x = Resolve(inputs[0]);
        var paddings = ConstInts(inputs[1]);
        var rank = paddings.Length / 2;
        var order = x.ChannelsFirst ? new[] { 0, 3, 1, 2 } : Enumerable.Range(0, rank).ToArray();
        var pads = order.Select(d => (long)paddings[2 * d]).Concat(order.Select(d => (long)paddings[2 * d + 1])).ToArray();
        return new Value(_builder.Node("Pad", [x.Onnx(this), _builder.Int64s(name + "/pads", pads)], name), x.Rank, x.ChannelsFirst);
    }

    private int[] ConstInts(string input) =>
        (Resolve(input).Constant ?? throw new NotSupportedException($"'{input}' must be a constant")).RequireInts();

    private static void RequireChannelsFirst(Value value, string name)
    {
        if (!value.ChannelsFirst)
            throw new NotSupportedException($"'{name}': expects a 4-D image tensor");
    }

    private static int[] Ints(JsonObject attr, string key) =>
        attr[key]?["list"]?["i"]?.AsArray().Select(v => int.Parse((string)v!, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
        ?? throw new InvalidDataException($"attribute '{key}' is missing");

    private static string String(JsonObject attr, string key) =>
        Encoding.UTF8.GetString(System.Convert.FromBase64String((string?)attr[key]?["s"] ?? throw new InvalidDataException($"attribute '{key}' is missing")));
}
