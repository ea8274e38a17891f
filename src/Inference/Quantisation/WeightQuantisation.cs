using System.Runtime.InteropServices;
using Insights.Inference.Onnx;

namespace Insights.Inference.Quantisation;

/// <summary>Symmetric int8 weights with one scale per output channel (axis 0 of OIHW), zero point 0; 7 bits outside depthwise Convs.</summary>
internal static class WeightQuantisation
{
    /// <summary>
    /// The largest quantised weight of a Conv that sums over several input channels. Without VNNI, ONNX Runtime's x86
    /// GEMM kernels multiply uint8 activations by int8 weights with VPMADDUBSW, which adds each pair of products into a
    /// saturating int16: 2 x 255 x 127 overflows it and the outputs then depend on the CPU (the nsfw embedding's cosine
    /// to float fell from above 0.99 to 0.94 on an AVX2-only EPYC). 2 x 255 x 63 fits, so no CPU overflows and a gate
    /// passed on one machine holds on another.
    /// </summary>
    public const int GemmLimit = 63;

    /// <summary>
    /// The largest quantised weight of a depthwise Conv (a group per channel): ONNX Runtime runs those in a kernel of
    /// their own, not the GEMM, and with 9 weights per channel they need the 8th bit. Measured on the EPYC: 8 bits there
    /// kept the nsfw embedding's cosine at 0.991-0.995; ±63 there too dropped it to 0.962 on one image, moved another's
    /// probabilities by 0.23 and took CenterNet's people count on a third from 2 to 0.
    /// </summary>
    public const int DepthwiseLimit = 127;

    /// <summary>
    /// <paramref name="minScales"/> (per channel, may be null) raises a channel's scale where its int32 bias
    /// would overflow: a folded batch norm can leave a channel with near-zero weights and a large bias.
    /// </summary>
    public static (sbyte[] Values, float[] Scales) PerChannel(OnnxTensor weights, bool depthwise, float[]? minScales = null)
    {
        var limit = depthwise ? DepthwiseLimit : GemmLimit;
        var values = Floats(weights);
        var channels = (int)weights.Dims[0];
        var perChannel = values.Length / channels;
        var quantised = new sbyte[values.Length];
        var scales = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var slice = values.AsSpan(c * perChannel, perChannel);
            var max = 0f;
            foreach (var v in slice)
                max = Math.Max(max, Math.Abs(v));
            var scale = Math.Max(max > 0 ? max / limit : 1f, minScales?[c] ?? 0f);
            scales[c] = scale;
            for (var i = 0; i < perChannel; i++)
                quantised[c * perChannel + i] = (sbyte)Math.Clamp(MathF.Round(slice[i] / scale), -limit, limit);
        }

        return (quantised, scales);
    }

    public static float[] Floats(OnnxTensor tensor) =>
        tensor.DataType == OnnxDataType.Float
            ? MemoryMarshal.Cast<byte, float>(tensor.RawData).ToArray()
            : throw new InvalidDataException($"initializer '{tensor.Name}' is {tensor.DataType}, not float");
}
