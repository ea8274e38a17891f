using Insights.Inference;
using Insights.Inference.Imaging;

namespace Insights.Dashboard.Prediction;

/// <summary>
/// An uploaded draft copied to a temporary file (videos need a seekable file for ffmpeg, and the draft is
/// kept once its prediction is made), with its type sniffed from the first bytes. Deleted on dispose.
/// </summary>
public sealed class DraftUpload : IAsyncDisposable
{
    private DraftUpload(string path, string fileName, MediaType type, long bytes)
    {
        Path = path;
        FileName = fileName;
        Type = type;
        Bytes = bytes;
    }

    public string Path { get; }
    public string FileName { get; }
    public MediaType Type { get; }
    public long Bytes { get; }
    public bool IsVideo => Type.IsVideo();

    public string ContentType => Type switch
    {
        MediaType.Jpeg => "image/jpeg",
        MediaType.Png => "image/png",
        MediaType.Gif => "image/gif",
        MediaType.WebP => "image/webp",
        MediaType.Mp4 => "video/mp4",
        MediaType.QuickTime => "video/quicktime",
        MediaType.WebM => "video/webm",
        MediaType.Avi => "video/x-msvideo",
        _ => "application/octet-stream",
    };

    public string Extension => Type switch
    {
        MediaType.Jpeg => ".jpg",
        MediaType.QuickTime => ".mov",
        _ => "." + Type.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Copies the upload, refusing an empty file, a type that is not a supported image or video (from the
    /// content, not the name) and a file over the byte limit of its type (stopped while reading).
    /// </summary>
    public static async Task<DraftUpload> ReadAsync(Stream stream, string fileName, LabelOptions limits, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"insights-draft-{Guid.NewGuid():N}");
        try
        {
            var header = new byte[MediaSniffer.HeaderLength];
            var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
                throw new MediaRejectedException(MediaRejection.Corrupt, $"{fileName}: the file is empty");
            var type = MediaSniffer.Sniff(header.AsSpan(0, read));
            if (!type.IsImage() && !type.IsVideo())
                throw new MediaRejectedException(MediaRejection.UnsupportedType, $"{fileName}: not a JPEG, PNG, GIF or WebP image nor an MP4, MOV, WebM or AVI video (judged from its content)");
            var limit = type.IsVideo() ? limits.MaxVideoBytes : limits.MaxImageBytes;
            long total = read;
            await using (var file = File.Create(path))
            {
                await file.WriteAsync(header.AsMemory(0, read), cancellationToken);
                var buffer = new byte[81920];
                int n;
                while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += n;
                    if (total > limit)
                        throw new MediaRejectedException(MediaRejection.TooManyBytes, $"{fileName}: more than the limit of {limit:N0} bytes for {(type.IsVideo() ? "a video" : "an image")}");
                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                }
            }
            return new DraftUpload(path, fileName, type, total);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}
