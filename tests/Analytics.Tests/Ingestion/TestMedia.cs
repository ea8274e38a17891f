using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Insights.Analytics.Tests.Ingestion;

/// <summary>Tiny real image files made in code. Import only sniffs headers, but these are valid files.</summary>
internal static class TestMedia
{
    /// <summary>A valid 1-pixel RGB PNG; the colour makes each one's content (and hash) distinct.</summary>
    public static byte[] Png(byte red, byte green = 0, byte blue = 0, int padding = 0)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 1);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 1);
        header[8] = 8;   // bit depth
        header[9] = 2;   // truecolour
        Chunk(output, "IHDR", header);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
                zlib.Write([0, red, green, blue]);   // filter byte, then one pixel
            Chunk(output, "IDAT", pixels.ToArray());
        }
        if (padding > 0)
            Chunk(output, "tEXt", [.. "Comment\0"u8, .. new byte[padding]]);
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A JPEG that starts like a camera file (SOI, APP0 JFIF) and ends with EOI; the text makes it distinct.</summary>
    public static byte[] Jpeg(string marker)
    {
        var comment = Encoding.ASCII.GetBytes(marker);
        byte[] app0 = [0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        var length = (ushort)(comment.Length + 2);
        return [0xFF, 0xD8, .. app0, 0xFF, 0xFE, (byte)(length >> 8), (byte)length, .. comment, 0xFF, 0xD9];
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        output.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
