using System.Globalization;
using ImageMagick;
using ImageMagick.Formats;
using Insights.Inference.Video;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Imaging;

/// <summary>
/// Small upright JPEG previews of stored media: images are downscaled with Magick.NET (the same limits
/// as labelling, so a decompression bomb is refused before decoding), videos give a poster frame from
/// ffmpeg. The type is sniffed from the bytes. A file that cannot be previewed raises
/// <see cref="MediaRejectedException"/> with the reason.
/// </summary>
public sealed class ThumbnailRenderer(FfmpegTools tools, VideoFrameReader videos, IOptions<LabelOptions> options)
{
    /// <summary>JPEG quality of previews: small files, no visible blocks at thumbnail size.</summary>
    public const int Quality = 82;

    private readonly LabelOptions _options = Limited(options.Value);

    private static LabelOptions Limited(LabelOptions options)
    {
        MagickLimits.Apply(options);
        return options;
    }

    /// <summary>A JPEG whose long side is at most <paramref name="maxSide"/> (never upscaled).</summary>
    public async Task<byte[]> RenderAsync(string path, int maxSide, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 16);
        var header = new byte[MediaSniffer.HeaderLength];
        int read;
        await using (var stream = File.OpenRead(path))
            read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var type = MediaSniffer.Sniff(header.AsSpan(0, read));
        if (type.IsImage())
            return RenderImage(path, type, maxSide);
        if (type.IsVideo())
            return await RenderVideoAsync(path, maxSide, cancellationToken);
        throw new MediaRejectedException(MediaRejection.UnsupportedType, $"{path}: neither an image nor a video ({(read == 0 ? "empty" : "unknown content")})");
    }

    private byte[] RenderImage(string path, MediaType type, int maxSide)
    {
        var length = new FileInfo(path).Length;
        if (length > _options.MaxImageBytes)
            throw new MediaRejectedException(MediaRejection.TooManyBytes, $"{path}: {length:N0} bytes is more than the limit of {_options.MaxImageBytes:N0}");
        var format = type switch
        {
            MediaType.Jpeg => MagickFormat.Jpeg,
            MediaType.Png => MagickFormat.Png,
            MediaType.Gif => MagickFormat.Gif,
            _ => MagickFormat.WebP,
        };
        try
        {
            var info = new MagickImageInfo();
            info.Read(path, new MagickReadSettings { Format = format, FrameIndex = 0, FrameCount = 1 });
            if (info.Width == 0 || info.Height == 0 || (long)info.Width * info.Height > _options.MaxPixels)
                throw new MediaRejectedException(MediaRejection.TooManyPixels, $"{path}: {info.Width}x{info.Height} pixels is outside the limits; refused before decoding");

            // libjpeg can decode at 1/2, 1/4 or 1/8 scale directly: ask for at least twice the target so the final resize stays sharp.
            var settings = type == MediaType.Jpeg
                ? new MagickReadSettings(new JpegReadDefines { Size = new MagickGeometry((uint)maxSide * 2, (uint)maxSide * 2) })
                : new MagickReadSettings();
            settings.Format = format;
            settings.FrameIndex = 0;
            settings.FrameCount = 1;
            using var image = new MagickImage(path, settings);
            image.AutoOrient();
            if (image.Width > maxSide || image.Height > maxSide)
                image.Thumbnail((uint)maxSide, (uint)maxSide);
            if (image.HasAlpha)
            {
                image.BackgroundColor = MagickColors.White;
                image.Alpha(AlphaAction.Remove);
            }

            if (image.ColorSpace != ColorSpace.sRGB)
                image.ColorSpace = ColorSpace.sRGB;
            image.Strip();
            image.Quality = Quality;
            return image.ToByteArray(MagickFormat.Jpeg);
        }
        catch (MagickException e)
        {
            throw new MediaRejectedException(MediaRejection.Corrupt, $"{path}: cannot read the {type} image ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    private async Task<byte[]> RenderVideoAsync(string path, int maxSide, CancellationToken cancellationToken)
    {
        var info = await videos.ProbeAsync(path, cancellationToken);
        // The first frame is often black (a fade in); one second in, or a third of a shorter clip, shows the content.
        var at = double.IsFinite(info.DurationSeconds) ? Math.Min(1.0, info.DurationSeconds / 3) : 0;
        var jpeg = await PosterAsync(path, at, maxSide, cancellationToken);
        if (jpeg.Length == 0 && at > 0)
            jpeg = await PosterAsync(path, 0, maxSide, cancellationToken);
        return jpeg.Length > 0 ? jpeg : throw new MediaRejectedException(MediaRejection.Corrupt, $"{path}: no decodable video frame");
    }

    private async Task<byte[]> PosterAsync(string path, double seconds, int maxSide, CancellationToken cancellationToken)
    {
        var side = maxSide.ToString(CultureInfo.InvariantCulture);
        string[] args =
        [
            "-v", "error", "-nostdin",
            "-ss", seconds.ToString("0.###", CultureInfo.InvariantCulture), "-i", path,
            "-an", "-sn", "-frames:v", "1",
            "-vf", $"scale='min({side},iw)':'min({side},ih)':force_original_aspect_ratio=decrease:flags=area,format=yuvj420p",
            "-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "4", "pipe:1",
        ];
        var (_, stdout, _) = await FfmpegTools.RunAsync(tools.Ffmpeg, args, _options.VideoTimeout, cancellationToken);
        return stdout;
    }
}
