using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Insights.Analytics.Annotations;

/// <summary>Embeddings as stored in blobs: little-endian float32, 4 bytes per dimension, no header.</summary>
public static class EmbeddingBytes
{
    public static byte[] ToBytes(ReadOnlySpan<float> values)
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
            ReverseEach(bytes);
        return bytes;
    }

    public static float[] ToFloats(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
            throw new InvalidDataException($"An embedding blob of {bytes.Length} bytes is not a whole number of float32 values.");
        if (BitConverter.IsLittleEndian)
            return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        var values = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float), sizeof(float)));
        return values;
    }

    private static void ReverseEach(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i += sizeof(float))
            Array.Reverse(bytes, i, sizeof(float));
    }
}
