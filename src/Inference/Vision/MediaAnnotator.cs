using System.Security.Cryptography;
using System.Text.Json;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Video;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Vision;

/// <summary>
/// The one entry for "annotate this file": sniffs the content and annotates it as an image or a video.
/// For an image, <see cref="VideoAnnotation.Frames"/> is empty.
/// </summary>
public sealed class MediaAnnotator(ImageAnnotator images, VideoAnnotator videos, IOptions<LabelOptions> options)
{
    /// <summary>
    /// Names what produces the labels: every model's package and version, the converter, and a hash of
    /// the label thresholds. When it changes, stored labels are redone in the background.
    /// </summary>
    public string Version { get; } = ComputeVersion(options.Value);

    private static string ComputeVersion(LabelOptions labelOptions)
    {
        var models = string.Join(",", ModelCatalog.All.Select(m => $"{m.Name}={m.Package}@{m.Version}"));
        var thresholds = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(labelOptions)))[..12];
        return $"{models};converter {ModelCatalog.ConverterVersion};labels {thresholds}";
    }

    public Task<VideoAnnotation> AnnotateFileAsync(string path, CancellationToken cancellationToken = default) =>
        AnnotateFileAsync(path, keepFrames: false, cancellationToken);

    /// <summary>
    /// Annotates a file that stands for an upload called <paramref name="name"/> (a temporary copy of a draft):
    /// rejections name the upload, not the copy; with <paramref name="keepFrames"/>, a video's frames keep their pictures.
    /// </summary>
    public async Task<VideoAnnotation> AnnotateFileAsync(string path, string name, bool keepFrames, CancellationToken cancellationToken = default)
    {
        try
        {
            return await AnnotateFileAsync(path, keepFrames, cancellationToken);
        }
        catch (MediaRejectedException e) when (e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new MediaRejectedException(e.Reason, e.Message.Replace(path, name, StringComparison.Ordinal), e);
        }
    }

    private async Task<VideoAnnotation> AnnotateFileAsync(string path, bool keepFrames, CancellationToken cancellationToken)
    {
        var header = new byte[MediaSniffer.HeaderLength];
        int read;
        await using (var stream = File.OpenRead(path))
            read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var type = MediaSniffer.Sniff(header.AsSpan(0, read));
        if (type.IsVideo())
            return await videos.AnnotateFileAsync(path, keepFrames, cancellationToken);
        return new VideoAnnotation(await images.AnnotateFileAsync(path, cancellationToken), []);
    }

    /// <summary>
    /// Annotates an upload: images are decoded from memory; videos are copied to a temporary file
    /// (ffmpeg needs to seek), up to the video byte limit, and deleted afterwards.
    /// </summary>
    public async Task<VideoAnnotation> AnnotateAsync(Stream stream, string? name = null, CancellationToken cancellationToken = default)
    {
        var header = new byte[MediaSniffer.HeaderLength];
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var type = MediaSniffer.Sniff(header.AsSpan(0, read));
        var what = name ?? "upload";
        if (!type.IsVideo())
        {
            var limit = options.Value.MaxImageBytes;
            var rest = await ImageDecoder.ReadLimitedAsync(stream, limit - read, what, cancellationToken);
            return new VideoAnnotation(await images.AnnotateAsync([.. header.AsSpan(0, read), .. rest], name, cancellationToken), []);
        }

        var temp = Path.Combine(Path.GetTempPath(), $"insights-video-{Guid.NewGuid():N}");
        try
        {
            await using (var file = File.Create(temp))
            {
                await file.WriteAsync(header.AsMemory(0, read), cancellationToken);
                var buffer = new byte[81920];
                long total = read;
                int n;
                while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += n;
                    if (total > options.Value.MaxVideoBytes)
                        throw new MediaRejectedException(MediaRejection.TooManyBytes, $"{what}: more than the limit of {options.Value.MaxVideoBytes:N0} bytes");
                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                }
            }

            return await videos.AnnotateFileAsync(temp, cancellationToken);
        }
        catch (MediaRejectedException e) when (e.Message.Contains(temp, StringComparison.Ordinal))
        {
            // name the upload, not the temporary copy
            throw new MediaRejectedException(e.Reason, e.Message.Replace(temp, what, StringComparison.Ordinal), e);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
