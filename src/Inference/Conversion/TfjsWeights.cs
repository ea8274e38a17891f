using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Insights.Inference.Conversion;

/// <summary>One decoded weight of a TF.js weights manifest, as float32 or int32 values.</summary>
internal sealed record TfjsWeight(string Name, int[] Shape, float[]? Floats, int[]? Ints)
{
    public float[] RequireFloats() => Floats ?? throw new InvalidDataException($"weight '{Name}' is not float32");

    public int[] RequireInts() => Ints ?? Floats?.Select(f => (int)f).ToArray() ?? [];
}

/// <summary>
/// Decodes the concatenated weight buffer described by a TF.js weights manifest: float32, int32, and
/// the quantised forms (uint8/uint16 with min and scale, float16) that the converters emit.
/// </summary>
internal static class TfjsWeights
{
    public static Dictionary<string, TfjsWeight> Decode(JsonArray specs, ReadOnlySpan<byte> data)
    {
        var result = new Dictionary<string, TfjsWeight>(StringComparer.Ordinal);
        var offset = 0;
        foreach (var spec in specs)
        {
            var name = (string)spec!["name"]!;
            var shape = spec["shape"]!.AsArray().Select(d => (int)d!).ToArray();
            var count = shape.Aggregate(1, (a, b) => a * b);
            var dtype = (string)spec["dtype"]!;
            var quantization = spec["quantization"];
            if (quantization is not null)
            {
                var qtype = (string)quantization["dtype"]!;
                var values = new float[count];
                switch (qtype)
                {
                    case "uint8":
                    case "uint16":
                        // TF.js dequantises as v * scale + min in double, stored as float32: do the same
                        var min = (double)quantization["min"]!;
                        var scale = (double)quantization["scale"]!;
                        var width = qtype == "uint8" ? 1 : 2;
                        for (var i = 0; i < count; i++)
                        {
                            var q = width == 1 ? data[offset + i] : BinaryPrimitives.ReadUInt16LittleEndian(data[(offset + 2 * i)..]);
                            values[i] = (float)(q * scale + min);
                        }

                        offset += count * width;
                        break;
                    case "float16":
                        for (var i = 0; i < count; i++)
                            values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data[(offset + 2 * i)..]);
                        offset += count * 2;
                        break;
                    default:
                        throw new NotSupportedException($"weight '{name}': quantisation '{qtype}' is not supported");
                }

                result[name] = dtype == "int32"
                    ? new TfjsWeight(name, shape, null, values.Select(v => (int)v).ToArray())
                    : new TfjsWeight(name, shape, values, null);
                continue;
            }

            switch (dtype)
            {
                case "float32":
                    var floats = new float[count];
                    for (var i = 0; i < count; i++)
                        floats[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(offset + 4 * i)..]);
                    result[name] = new TfjsWeight(name, shape, floats, null);
                    offset += count * 4;
                    break;
                case "int32":
                    var ints = new int[count];
                    for (var i = 0; i < count; i++)
                        ints[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(offset + 4 * i)..]);
                    result[name] = new TfjsWeight(name, shape, null, ints);
                    offset += count * 4;
                    break;
                default:
                    throw new NotSupportedException($"weight '{name}': dtype '{dtype}' is not supported");
            }
        }

        if (offset != data.Length)
            throw new InvalidDataException($"the weights manifest describes {offset} bytes but the shards hold {data.Length}");
        return result;
    }
}
