namespace Insights.Analytics.Ingestion;

/// <summary>Tells a media file's type from its first bytes; names and extensions are not trusted.</summary>
public static class MediaSniffer
{
    /// <summary>Bytes needed to tell every supported type apart.</summary>
    public const int HeaderLength = 16;

    public const string Supported = "JPEG, PNG, GIF, WebP, MP4, MOV, WebM or AVI";

    // Written as bytes: in a u8 string literal "\x89" is the character U+0089, which UTF-8 encodes as two bytes.
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The MIME type, or null when the bytes are none of the supported formats.</summary>
    public static string? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF) return "image/jpeg";
        if (header.Length >= 8 && header[..8].SequenceEqual(PngSignature)) return "image/png";
        if (header.Length >= 6 && (header[..6].SequenceEqual("GIF87a"u8) || header[..6].SequenceEqual("GIF89a"u8))) return "image/gif";
        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("AVI "u8)) return "video/x-msvideo";
        if (header.Length >= 4 && header[..4].SequenceEqual(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 })) return "video/webm";
        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
            return header[8..12].SequenceEqual("qt  "u8) ? "video/quicktime" : "video/mp4";
        return null;
    }

    public static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "video/x-msvideo" => ".avi",
        "video/webm" => ".webm",
        "video/quicktime" => ".mov",
        _ => ".mp4",
    };
}
