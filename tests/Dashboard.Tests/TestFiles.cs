using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Insights.Dashboard.Tests;

/// <summary>Small real input files made in code: platform-style CSV exports, valid images, zips, multipart bodies.</summary>
internal static class TestFiles
{
    /// <summary>The header of a posts export as a platform writes it.</summary>
    public const string PostsHeader = "Post ID,Publish time,Post type,Description,Likes,Comments,Shares,Saves,Impressions,Duration (sec)";

    /// <summary>Three posts: an image, a reel and a carousel; the carousel has no shares, saves or impressions.</summary>
    public const string ThreePosts =
        PostsHeader + "\n" +
        "P1,2024-03-04T10:00:00Z,Photo,First photo,120,10,3,4,2000,\n" +
        "P2,2024-03-06T18:30:00Z,Reel,A short reel,300,25,12,9,5000,0:42\n" +
        "P3,2024-03-11T08:15:00Z,Carousel,Three photos,80,6,,,,\n";

    /// <summary>Follower snapshots around the three posts.</summary>
    public const string Followers = "Date,Followers\n2024-03-01,10000\n2024-03-31,10600\n";

    /// <summary>Manual labels of the three posts.</summary>
    public const string Labels = "Post ID,Category,Value\nP1,topic,travel\nP2,topic,food\nP2,tone,funny\n";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A valid 1-pixel RGB PNG; the colour makes each one's content (and hash) distinct.</summary>
    public static byte[] Png(byte red, byte green = 0, byte blue = 0)
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
        Chunk(output, "IEND", []);
        return output.ToArray();
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

    /// <summary>A multipart/form-data body with one "files" part per file, as a browser sends an upload.</summary>
    public static MultipartFormDataContent Form(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "text/csv");
            form.Add(part, "files", name);
        }
        return form;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));

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
