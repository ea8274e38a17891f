using ImageMagick;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Imaging;

/// <summary>
/// Decodes JPEG, PNG, WebP and GIF (first frame) into an upright RGB frame with Magick.NET. The type
/// is sniffed from the bytes; size limits are checked before decoding (declared dimensions are read
/// by pinging the header, so a decompression bomb is refused without allocating its pixels);
/// transparency is flattened onto white; EXIF orientation is applied.
/// </summary>
public sealed class ImageDecoder
{
    private readonly LabelOptions _options;

    public ImageDecoder(IOptions<LabelOptions> options)
    {
        _options = options.Value;
        MagickLimits.Apply(_options);
    }

    /// <summary>Decodes image bytes. <paramref name="name"/> only names the file in error messages.</summary>
    public RgbFrame Decode(byte[] bytes, string? name = null)
    {
        var what = name ?? "image";
        if (bytes.Length > _options.MaxImageBytes)
            throw new MediaRejectedException(MediaRejection.TooManyBytes, $"{what}: {bytes.Length:N0} bytes is more than the limit of {_options.MaxImageBytes:N0}");
        var type = MediaSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, MediaSniffer.HeaderLength)));
        if (!type.IsImage())
            throw new MediaRejectedException(MediaRejection.UnsupportedType, $"{what}: not a JPEG, PNG, WebP or GIF image ({Describe(type, bytes)})");

        var settings = new MagickReadSettings
        {
            Format = type switch
            {
                MediaType.Jpeg => MagickFormat.Jpeg,
                MediaType.Png => MagickFormat.Png,
                MediaType.Gif => MagickFormat.Gif,
                _ => MagickFormat.WebP,
            },
            FrameIndex = 0,
            FrameCount = 1,
        };

        uint width, height;
        try
        {
            var info = new MagickImageInfo();
            info.Read(bytes, settings);
            (width, height) = (info.Width, info.Height);
        }
        catch (MagickException e)
        {
            throw new MediaRejectedException(MediaRejection.Corrupt, $"{what}: cannot read the {type} header ({FirstLine(e.Message)})", e);
        }

        if (width == 0 || height == 0)
            throw new MediaRejectedException(MediaRejection.Corrupt, $"{what}: the {type} header declares {width}x{height} pixels");
        if ((long)width * height > _options.MaxPixels)
            throw new MediaRejectedException(MediaRejection.TooManyPixels, $"{what}: {width}x{height} = {(long)width * height:N0} pixels is more than the limit of {_options.MaxPixels:N0}; refused before decoding");

        try
        {
            string? corruption = null;
            using var image = new MagickImage();
            // libjpeg and libpng report truncation as a warning and fill the rest with grey: treat it as corrupt
            image.Warning += (_, e) => corruption ??= e.Message;
            image.Read(bytes, settings);
            if (corruption is not null && IsCorruption(corruption))
                throw new MediaRejectedException(MediaRejection.Corrupt, $"{what}: corrupt or truncated {type} ({FirstLine(corruption)})");
            return ToFrame(image);
        }
        catch (MagickException e)
        {
            throw new MediaRejectedException(MediaRejection.Corrupt, $"{what}: corrupt or truncated {type} ({FirstLine(e.Message)})", e);
        }
    }

    /// <summary>Reads at most the byte limit (plus one, to tell) from a stream, then decodes.</summary>
    public async Task<RgbFrame> DecodeAsync(Stream stream, string? name = null, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadLimitedAsync(stream, _options.MaxImageBytes, name ?? "image", cancellationToken);
        return Decode(bytes, name);
    }

    public async Task<RgbFrame> DecodeFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var length = new FileInfo(path).Length;
        if (length > _options.MaxImageBytes)
            throw new MediaRejectedException(MediaRejection.TooManyBytes, $"{path}: {length:N0} bytes is more than the limit of {_options.MaxImageBytes:N0}");
        return Decode(await File.ReadAllBytesAsync(path, cancellationToken), path);
    }

    internal static async Task<byte[]> ReadLimitedAsync(Stream stream, long limit, string what, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
                throw new MediaRejectedException(MediaRejection.TooManyBytes, $"{what}: more than the limit of {limit:N0} bytes");
        }

        return buffer.ToArray();
    }

    private static RgbFrame ToFrame(MagickImage image)
    {
        image.AutoOrient();
        if (image.HasAlpha)
        {
            image.BackgroundColor = MagickColors.White;
            image.Alpha(AlphaAction.Remove);
        }

        if (image.ColorSpace != ColorSpace.sRGB)
            image.ColorSpace = ColorSpace.sRGB;
        using var pixels = image.GetPixelsUnsafe();
        var rgb = pixels.ToByteArray(PixelMapping.RGB) ?? throw new MediaRejectedException(MediaRejection.Corrupt, "no pixels");
        return new RgbFrame((int)image.Width, (int)image.Height, rgb);
    }

    private static bool IsCorruption(string message) =>
        message.Contains("premature", StringComparison.OrdinalIgnoreCase)
        || message.Contains("truncat", StringComparison.OrdinalIgnoreCase)
        || message.Contains("corrupt", StringComparison.OrdinalIgnoreCase)
        || message.Contains("insufficient image data", StringComparison.OrdinalIgnoreCase)
        || message.Contains("unexpected end", StringComparison.OrdinalIgnoreCase);

    private static string Describe(MediaType type, byte[] bytes) =>
        type.IsVideo() ? $"looks like a {type} video"
        : bytes.Length == 0 ? "empty"
        : "first bytes " + Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)));

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
