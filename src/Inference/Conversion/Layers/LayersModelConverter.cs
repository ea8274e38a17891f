using System.Text.Json.Nodes;
using Insights.Inference.Onnx;

namespace Insights.Inference.Conversion.Layers;

/// <summary>
/// Converts a TF.js layers model (Keras topology + decoded weights) to an NCHW ONNX graph: one
/// transpose at the input, batch norms folded into the convolutions before them, weights as
/// initializers. Supports the layers of MobileNetV2-style classifiers.
/// </summary>
internal sealed class LayersModelConverter
{
    private readonly OnnxGraphBuilder _builder = new();
    private readonly Dictionary<string, TfjsWeight> _weights;
    private readonly Dictionary<string, string> _tensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _channelsFirst = new(StringComparer.Ordinal);

    private LayersModelConverter(Dictionary<string, TfjsWeight> weights) => _weights = weights;

    public static OnnxModel Convert(JsonObject modelTopology, Dictionary<string, TfjsWeight> weights, ConversionSpec spec, IReadOnlyDictionary<string, string> metadata)
    {
        var converter = new LayersModelConverter(weights);
        converter.Run(modelTopology, spec);
        return converter._builder.Build(metadata);
    }

    private void Run(JsonObject modelTopology, ConversionSpec spec)
    {
        var config = (modelTopology["model_config"] ?? modelTopology)["config"]!;
        var layers = config["layers"]!.AsArray().Select(l => l!.AsObject()).ToList();
        var consumers = layers
            .SelectMany(l => Inbound(l).Select(source => (source, consumer: l)))
            .GroupBy(p => p.source)
            .ToDictionary(g => g.Key, g => g.Select(p => p.consumer).ToList());
        var folded = new HashSet<string>();

        foreach (var layer in layers)
        {
            var name = (string)layer["name"]!;
            if (folded.Contains(name))
                continue;
            var cls = (string)layer["class_name"]!;
            var cfg = layer["config"]!.AsObject();
            var inputs = Inbound(layer).Select(i => _tensors[i]).ToList();
            string output;
            var channelsFirst = true;
            switch (cls)
            {
                case "InputLayer":
                    _builder.AddInput(spec.InputName, [1, spec.Height, spec.Width, spec.Channels]);
                    output = _builder.ToNchw(spec.InputName, name);
                    break;
                case "ZeroPadding2D":
                    var pad = cfg["padding"]!.AsArray().Select(p => p!.AsArray().Select(v => (long)v!).ToArray()).ToArray();
                    output = _builder.Node("Pad", [inputs[0], _builder.Int64s(name + "/pads", 0, 0, pad[0][0], pad[1][0], 0, 0, pad[0][1], pad[1][1])], name);
                    break;
                case "Conv2D":
                case "DepthwiseConv2D":
                    var depthwise = cls == "DepthwiseConv2D";
                    var kernel = _weights[name + (depthwise ? "/depthwise_kernel" : "/kernel")];
                    var bias = (bool?)cfg["use_bias"] == true ? _weights[name + "/bias"].RequireFloats() : null;
                    var weights = depthwise
                        ? ConvWeights.FromDepthwise(kernel.Shape, kernel.RequireFloats(), bias)
                        : ConvWeights.FromHwio(kernel.Shape, kernel.RequireFloats(), bias);
                    var outName = name;
                    var activation = (string?)cfg["activation"] ?? "linear";
                    if (consumers.TryGetValue(name, out var next) && next.Count == 1 && (string)next[0]["class_name"]! == "BatchNormalization" && activation == "linear")
                    {
                        var bn = next[0];
                        outName = (string)bn["name"]!;
                        weights = FoldBatchNorm(weights, outName, bn["config"]!.AsObject());
                        folded.Add(outName);
                    }

                    output = _builder.Conv(inputs[0], outName, weights, Pair(cfg["strides"]), Pair(cfg["dilation_rate"]), (string)cfg["padding"]!,
                        depthwise ? kernel.Shape[2] : 1);
                    output = Activate(output, activation, outName);
                    name = outName;
                    break;
                case "BatchNormalization":
                    throw new NotSupportedException($"batch norm '{name}' does not follow a convolution; only folded batch norms are supported");
                case "ReLU":
                    if ((double?)cfg["negative_slope"] is { } slope && slope != 0 || (double?)cfg["threshold"] is { } threshold && threshold != 0)
                        throw new NotSupportedException($"ReLU '{name}' with a slope or threshold is not supported");
                    output = cfg["max_value"] is { } max
                        ? _builder.Node("Clip", [inputs[0], _builder.Floats(name + "/min", [], [0f]), _builder.Floats(name + "/max", [], [(float)(double)max])], name)
                        : _builder.Node("Relu", [inputs[0]], name);
                    break;
                case "Add":
                    output = inputs.Skip(1).Aggregate(inputs[0], (a, b) => _builder.Node("Add", [a, b], name));
                    break;
                case "AveragePooling2D":
                case "MaxPooling2D":
                    output = _builder.Node(cls == "AveragePooling2D" ? "AveragePool" : "MaxPool", [inputs[0]], name,
                        OnnxAttribute.Ints("kernel_shape", [.. Pair(cfg["pool_size"]).Select(v => (long)v)]),
                        OnnxAttribute.Ints("strides", [.. Pair(cfg["strides"] ?? cfg["pool_size"]).Select(v => (long)v)]),
                        OnnxGraphBuilder.PaddingAttribute((string)cfg["padding"]!));
                    break;
                case "GlobalAveragePooling2D":
                    output = _builder.Node("Flatten", [_builder.Node("GlobalAveragePool", [inputs[0]], name + "/pool")], name);
                    channelsFirst = false;
                    break;
                case "Flatten":
                    // Keras flattens in NHWC order; go back to it first so dense weights line up
                    var source = _channelsFirst[Inbound(layer)[0]] ? _builder.ToNhwc(inputs[0], name + "/nhwc") : inputs[0];
                    output = _builder.Node("Flatten", [source], name, OnnxAttribute.Int("axis", 1));
                    channelsFirst = false;
                    break;
                case "Dense":
                    var dense = _weights[name + "/kernel"];
                    var gemmInputs = new List<string> { inputs[0], _builder.Floats(name + "/W", [dense.Shape[0], dense.Shape[1]], dense.RequireFloats()) };
                    if ((bool?)cfg["use_bias"] != false)
                        gemmInputs.Add(_builder.Floats(name + "/B", [dense.Shape[1]], _weights[name + "/bias"].RequireFloats()));
                    output = Activate(_builder.Node("Gemm", gemmInputs, name), (string?)cfg["activation"] ?? "linear", name);
                    channelsFirst = false;
                    break;
                case "Dropout":
                    output = inputs[0];
                    channelsFirst = _channelsFirst[Inbound(layer)[0]];
                    break;
                default:
                    throw new NotSupportedException($"layer '{name}' of class {cls} is not supported by the converter");
            }

            _tensors[name] = output;
            _channelsFirst[name] = channelsFirst;
        }

        foreach (var wanted in spec.Outputs)
        {
            if (!_tensors.TryGetValue(wanted.Source, out var tensor))
                throw new InvalidDataException($"the model has no layer '{wanted.Source}' to expose as output '{wanted.Name}'");
            if (_channelsFirst[wanted.Source] && !wanted.ChannelsFirst)
                tensor = _builder.ToNhwc(tensor, wanted.Name + "/nhwc");
            _builder.AddOutput(tensor, wanted.Name, new long?[_channelsFirst[wanted.Source] ? 4 : 2]);
        }
    }

    private ConvWeights FoldBatchNorm(ConvWeights weights, string bnName, JsonObject cfg)
    {
        float[]? Get(string suffix) => _weights.TryGetValue($"{bnName}/{suffix}", out var w) ? w.RequireFloats() : null;
        return weights.FoldBatchNorm(
            (bool?)cfg["scale"] == false ? null : Get("gamma"),
            (bool?)cfg["center"] == false ? null : Get("beta"),
            Get("moving_mean") ?? throw new InvalidDataException($"batch norm '{bnName}' has no moving_mean"),
            Get("moving_variance") ?? throw new InvalidDataException($"batch norm '{bnName}' has no moving_variance"),
            (double?)cfg["epsilon"] ?? 1e-3);
    }

    private string Activate(string input, string activation, string name) => activation switch
    {
        "linear" => input,
        "relu" => _builder.Node("Relu", [input], name + "/relu"),
        "relu6" => _builder.Relu6(input, name + "/relu6"),
        "sigmoid" => _builder.Node("Sigmoid", [input], name + "/sigmoid"),
        "softmax" => _builder.Node("Softmax", [input], name + "/softmax", OnnxAttribute.Int("axis", -1)),
        _ => throw new NotSupportedException($"activation '{activation}' of '{name}' is not supported"),
    };

    private static int[] Pair(JsonNode? node) => node is null ? [1, 1] : [.. node.AsArray().Select(v => (int)v!)];

    // Keras inbound_nodes: [[[layerName, nodeIndex, tensorIndex, kwargs], ...]]
    private static List<string> Inbound(JsonObject layer) =>
        layer["inbound_nodes"]?.AsArray().SelectMany(n => n!.AsArray()).Select(e => (string)e!.AsArray()[0]!).ToList() ?? [];
}
