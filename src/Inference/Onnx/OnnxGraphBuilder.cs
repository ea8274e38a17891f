namespace Insights.Inference.Onnx;

/// <summary>Small helper over <see cref="OnnxGraph"/>: unique names, constants as initializers, common NCHW ops.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly OnnxGraph _graph = new();
    private readonly HashSet<string> _names = [];
    private int _counter;

    public string Unique(string hint)
    {
        var name = hint;
        while (!_names.Add(name))
            name = $"{hint}_{++_counter}";
        return name;
    }

    public void AddInput(string name, IReadOnlyList<long?> shape)
    {
        if (!_names.Add(name))
            throw new InvalidOperationException($"input name '{name}' is already used");
        _graph.Inputs.Add(new OnnxValueInfo(name, OnnxDataType.Float, shape));
    }

    /// <summary>Exposes <paramref name="tensor"/> as a graph output named <paramref name="name"/> (via Identity when they differ).</summary>
    public void AddOutput(string tensor, string name, IReadOnlyList<long?> shape)
    {
        if (tensor != name)
            _graph.Nodes.Add(new OnnxNode { OpType = "Identity", Name = Unique(name), Inputs = [tensor], Outputs = [name] });
        _graph.Outputs.Add(new OnnxValueInfo(name, OnnxDataType.Float, shape));
    }

    public string Floats(string hint, long[] dims, float[] values)
    {
        var name = Unique(hint);
        _graph.Initializers.Add(OnnxTensor.FromFloats(name, dims, values));
        return name;
    }

    public string Int64s(string hint, params long[] values)
    {
        var name = Unique(hint);
        _graph.Initializers.Add(OnnxTensor.FromInt64s(name, [values.Length], values));
        return name;
    }

    public string Node(string opType, IEnumerable<string> inputs, string outputHint, params OnnxAttribute[] attributes)
    {
        var output = Unique(outputHint);
        var node = new OnnxNode { OpType = opType, Name = output, Inputs = [.. inputs], Outputs = [output] };
        node.Attributes.AddRange(attributes);
        _graph.Nodes.Add(node);
        return output;
    }

    public string ToNchw(string input, string hint) => Node("Transpose", [input], hint, OnnxAttribute.Ints("perm", 0, 3, 1, 2));

    public string ToNhwc(string input, string hint) => Node("Transpose", [input], hint, OnnxAttribute.Ints("perm", 0, 2, 3, 1));

    public string Relu6(string input, string hint) =>
        Node("Clip", [input, Floats(hint + "/min", [], [0f]), Floats(hint + "/max", [], [6f])], hint);

    /// <summary>
    /// Conv with TF padding semantics: "same" is SAME_UPPER (TF puts the odd extra pad at the end),
    /// "valid" is no padding. <paramref name="weights"/> are OIHW.
    /// </summary>
    public string Conv(string input, string hint, ConvWeights weights, int[] strides, int[] dilations, string padding, int group)
    {
        var inputs = new List<string> { input, Floats(hint + "/W", weights.Dims, weights.Kernel) };
        if (weights.Bias is { } bias)
            inputs.Add(Floats(hint + "/B", [bias.Length], bias));
        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Ints("kernel_shape", weights.Dims[2], weights.Dims[3]),
            OnnxAttribute.Ints("strides", strides[0], strides[1]),
            OnnxAttribute.Ints("dilations", dilations[0], dilations[1]),
            OnnxAttribute.Int("group", group),
        };
        attributes.Add(PaddingAttribute(padding));
        return Node("Conv", inputs, hint, [.. attributes]);
    }

    public static OnnxAttribute PaddingAttribute(string padding) => padding.ToUpperInvariant() switch
    {
        "SAME" => OnnxAttribute.String("auto_pad", "SAME_UPPER"),
        "VALID" => OnnxAttribute.String("auto_pad", "VALID"),
        _ => throw new NotSupportedException($"padding '{padding}' is not supported"),
    };

    public OnnxModel Build(IReadOnlyDictionary<string, string> metadata)
    {
        var model = new OnnxModel { Graph = _graph };
        foreach (var (key, value) in metadata)
            model.Metadata[key] = value;
        return model;
    }
}

/// <summary>Convolution weights in ONNX layout (OIHW) with an optional bias.</summary>
internal sealed record ConvWeights(long[] Dims, float[] Kernel, float[]? Bias)
{
    /// <summary>TF Conv2D kernel HWIO to ONNX OIHW.</summary>
    public static ConvWeights FromHwio(int[] shape, float[] hwio, float[]? bias)
    {
        int kh = shape[0], kw = shape[1], cin = shape[2], cout = shape[3];
        var oihw = new float[hwio.Length];
        for (var y = 0; y < kh; y++)
            for (var x = 0; x < kw; x++)
                for (var i = 0; i < cin; i++)
                    for (var o = 0; o < cout; o++)
                        oihw[((o * cin + i) * kh + y) * kw + x] = hwio[((y * kw + x) * cin + i) * cout + o];
        return new ConvWeights([cout, cin, kh, kw], oihw, bias);
    }

    /// <summary>TF depthwise kernel [h, w, in, multiplier] to a grouped ONNX kernel [in * multiplier, 1, h, w].</summary>
    public static ConvWeights FromDepthwise(int[] shape, float[] kernel, float[]? bias)
    {
        int kh = shape[0], kw = shape[1], cin = shape[2], mult = shape[3];
        var result = new float[kernel.Length];
        for (var y = 0; y < kh; y++)
            for (var x = 0; x < kw; x++)
                for (var c = 0; c < cin; c++)
                    for (var m = 0; m < mult; m++)
                        result[((c * mult + m) * kh + y) * kw + x] = kernel[((y * kw + x) * cin + c) * mult + m];
        return new ConvWeights([cin * mult, 1, kh, kw], result, bias);
    }

    public int OutputChannels => (int)Dims[0];

    /// <summary>Folds an inference-mode batch norm that follows this convolution into its kernel and bias.</summary>
    public ConvWeights FoldBatchNorm(float[]? gamma, float[]? beta, float[] mean, float[] variance, double epsilon)
    {
        var channels = OutputChannels;
        var perChannel = Kernel.Length / channels;
        var kernel = new float[Kernel.Length];
        var bias = new float[channels];
        for (var o = 0; o < channels; o++)
        {
            var scale = (gamma?[o] ?? 1.0) / Math.Sqrt(variance[o] + epsilon);
            for (var k = 0; k < perChannel; k++)
                kernel[o * perChannel + k] = (float)(Kernel[o * perChannel + k] * scale);
            bias[o] = (float)(((Bias?[o] ?? 0.0) - mean[o]) * scale + (beta?[o] ?? 0.0));
        }

        return new ConvWeights(Dims, kernel, bias);
    }
}
