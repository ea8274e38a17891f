namespace Insights.Analytics.Domain;

/// <summary>A media file, stored once by the sha256 of its content.</summary>
public sealed class MediaAsset
{
    public long Id { get; set; }

    /// <summary>Lower-case hex sha256 of the file's bytes.</summary>
    public required string Sha256 { get; set; }

    /// <summary>MIME type sniffed from the content, never from the name.</summary>
    public required string ContentType { get; set; }

    public long Bytes { get; set; }

    /// <summary>Path inside the media file store.</summary>
    public required string StoragePath { get; set; }

    public DateTime CreatedUtc { get; set; }

    public bool IsVideo => ContentType.StartsWith("video/", StringComparison.Ordinal);
}

/// <summary>Links a post to one of its media files; a carousel has several, ordered by position.</summary>
public sealed class PostMedia
{
    public long PostId { get; set; }

    public long MediaAssetId { get; set; }

    public int Position { get; set; }

    public string? OriginalFileName { get; set; }

    public Post? Post { get; set; }

    public MediaAsset? MediaAsset { get; set; }
}
