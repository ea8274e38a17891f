namespace Insights.Inference.Imaging;

/// <summary>A media container or image format, as sniffed from the first bytes.</summary>
public enum MediaType
{
    Unknown,
    Jpeg,
    Png,
    Gif,
    WebP,
    Mp4,
    QuickTime,
    WebM,
    Avi,
}

/// <summary>Recognises supported types by their magic bytes; the file name is never consulted.</summary>
public static class MediaSniffer
{
    /// <summary>Bytes needed to tell every supported type apart.</summary>
    public const int HeaderLength = 16;

    public static MediaType Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
            return MediaType.Jpeg;
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return MediaType.Png;
        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
            return MediaType.Gif;
        if (header.Length >= 12 && header.StartsWith("RIFF"u8))
        {
            if (header[8..12].SequenceEqual("WEBP"u8))
                return MediaType.WebP;
            if (header[8..12].SequenceEqual("AVI "u8))
                return MediaType.Avi;
        }

        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
            return header[8..12].SequenceEqual("qt  "u8) ? MediaType.QuickTime : MediaType.Mp4;
        if (header.Length >= 4 && header[0] == 0x1A && header[1] == 0x45 && header[2] == 0xDF && header[3] == 0xA3)
            return MediaType.WebM;
        return MediaType.Unknown;
    }

    public static bool IsImage(this MediaType type) => type is MediaType.Jpeg or MediaType.Png or MediaType.Gif or MediaType.WebP;

    public static bool IsVideo(this MediaType type) => type is MediaType.Mp4 or MediaType.QuickTime or MediaType.WebM or MediaType.Avi;
}
