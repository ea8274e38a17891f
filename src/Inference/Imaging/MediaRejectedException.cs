namespace Insights.Inference.Imaging;

/// <summary>Why a media file was refused.</summary>
public enum MediaRejection
{
    /// <summary>The content is not one of the supported image or video types (sniffed from the bytes, not the name).</summary>
    UnsupportedType,
    /// <summary>The file is larger than the configured byte limit.</summary>
    TooManyBytes,
    /// <summary>The declared dimensions exceed the pixel limit (checked before decoding).</summary>
    TooManyPixels,
    /// <summary>The file is corrupt or truncated, or a video has no decodable frame.</summary>
    Corrupt,
}

/// <summary>A media file that cannot be annotated, with a reason a person can act on. Never a process crash.</summary>
public sealed class MediaRejectedException(MediaRejection reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public MediaRejection Reason { get; } = reason;
}
