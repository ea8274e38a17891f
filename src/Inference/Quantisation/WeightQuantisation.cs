using System.Runtime.InteropServices;
using Insights.Inference.Onnx;

namespace Insights.Inference.Quantisation;

/// <summary>Symmetric int8 weights with one scale per output channel (axis 0 of OIHW), zero point 0.</summary>
internal static class WeightQuantisation
{
    /// <summary>
    /// <paramref name="minScales"/> (per channel, may be null) raises a channel's scale where its int32 bias
    /// would overflow: a folded batch norm can leave a channel with near-zero weights and a large bias.
    /// </summary>
    public static (sbyte[] Values, float[] Scales) PerChannel(OnnxTensor weights, float[]? minScales = null)
    {
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
            // -127..127 keeps the range symmetric (no -128), as ONNX Runtime's own quantiser does
            var scale = Math.Max(max > 0 ? max / 127f : 1f, minScales?[c] ?? 0f);
            scales[c] = scale;
            for (var i = 0; i < perChannel; i++)
                quantised[c * perChannel + i] = (sbyte)Math.Clamp(MathF.Round(slice[i] / scale), -127, 127);
        }

        return (quantised, scales);
    }

    public static float[] Floats(OnnxTensor tensor) =>
        tensor.DataType == OnnxDataType.Float
            ? MemoryMarshal.Cast<byte, float>(tensor.RawData).ToArray()
            : throw new InvalidDataException($"initializer '{tensor.Name}' is {tensor.DataType}, not float");
}
