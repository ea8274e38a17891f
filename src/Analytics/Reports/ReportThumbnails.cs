using ImageMagick;
using Insights.Analytics.Storage;

namespace Insights.Analytics.Reports;

/// <summary>A still frame of a video as an encoded image (the composition root supplies one that runs ffmpeg).</summary>
public interface IVideoStillSource
{
    Task<byte[]?> StillAsync(string path, CancellationToken cancellationToken = default);
}

/// <summary>
/// Small JPEG thumbnails of posts' cover media for reports: images decoded and downscaled with Magick.NET
/// (EXIF orientation applied, header checked before decoding so a decompression bomb is skipped); videos
/// through an optional <see cref="IVideoStillSource"/>. A file that cannot be read gets no thumbnail.
/// </summary>
public sealed class ReportThumbnails(IFileStore files, IVideoStillSource? stills = null)
{
    private const long MaxPixels = 80_000_000;

    public async Task<byte[]?> CreateAsync(string storagePath, string contentType, int size, CancellationToken cancellationToken = default)
    {
        if (!files.Exists(storagePath))
            return null;
        try
        {
            if (contentType.StartsWith("video/", StringComparison.Ordinal))
            {
                var still = stills is null ? null : await stills.StillAsync(files.FullPath(storagePath), cancellationToken);
                return still is null ? null : Downscale(still, size);
            }
            await using var stream = files.OpenRead(storagePath);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return Downscale(buffer.ToArray(), size);
        }
        catch (Exception ex) when (ex is MagickException or IOException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Downscales an encoded image so its longer side is at most <paramref name="size"/>; JPEG out.</summary>
    public static byte[] Downscale(byte[] encoded, int size)
    {
        var info = new MagickImageInfo(encoded);
        if ((long)info.Width * info.Height > MaxPixels)
            throw new InvalidDataException("The image is too large to make a thumbnail of.");
        using var image = new MagickImage(encoded);
        image.AutoOrient();
        if (image.Width > size || image.Height > size)
            image.Thumbnail(new MagickGeometry((uint)size, (uint)size));
        image.Strip();
        image.Quality = 82;
        image.Format = MagickFormat.Jpeg;
        return image.ToByteArray();
    }
}
