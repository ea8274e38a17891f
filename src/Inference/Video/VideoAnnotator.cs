using Insights.Inference.Imaging;
using Insights.Inference.Vision;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Video;

/// <summary>A video's labels: the aggregate and the labels of each sampled frame (with its time).</summary>
public sealed record VideoAnnotation(LabelSet Labels, IReadOnlyList<FrameLabels> Frames);

/// <summary>The labels of one sampled video frame; <see cref="Frame"/> is its picture when the caller asked to keep it (drafts show it with its class activation map).</summary>
public sealed record FrameLabels(double Seconds, LabelSet Labels)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public RgbFrame? Frame { get; init; }
}

/// <summary>
/// Annotates a video file (MP4, MOV, WebM, AVI, sniffed from the content): samples frames as
/// <see cref="FrameSampler"/> says, annotates each with <see cref="ImageAnnotator"/>, aggregates with
/// <see cref="LabelAggregator"/>.
/// </summary>
public sealed class VideoAnnotator(ImageAnnotator images, VideoFrameReader reader, IOptions<LabelOptions> options)
{
    private readonly LabelOptions _options = options.Value;

    public Task<VideoAnnotation> AnnotateFileAsync(string path, CancellationToken cancellationToken = default) =>
        AnnotateFileAsync(path, keepFrames: false, cancellationToken);

    /// <summary>Annotates a video file; with <paramref name="keepFrames"/>, each <see cref="FrameLabels"/> keeps its decoded picture.</summary>
    public async Task<VideoAnnotation> AnnotateFileAsync(string path, bool keepFrames, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException($"{path}: no such file", path);
        if (file.Length > _options.MaxVideoBytes)
            throw new MediaRejectedException(MediaRejection.TooManyBytes, $"{path}: {file.Length:N0} bytes is more than the limit of {_options.MaxVideoBytes:N0}");
        var header = new byte[MediaSniffer.HeaderLength];
        int read;
        await using (var stream = file.OpenRead())
            read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var type = MediaSniffer.Sniff(header.AsSpan(0, read));
        if (!type.IsVideo())
            throw new MediaRejectedException(MediaRejection.UnsupportedType, $"{path}: not an MP4, MOV, WebM or AVI video{(type.IsImage() ? $" (it is a {type} image)" : "")}");

        var info = await reader.ProbeAsync(path, cancellationToken);
        if ((long)info.Width * info.Height > _options.MaxPixels)
            throw new MediaRejectedException(MediaRejection.TooManyPixels, $"{path}: {info.Width}x{info.Height} frames are more than the limit of {_options.MaxPixels:N0} pixels");
        var times = FrameSampler.Times(info.DurationSeconds, _options.VideoFrameIntervalSeconds, _options.VideoMaxSeconds, _options.VideoMaxFrames);
        var size = FrameSampler.Size(info.Width, info.Height, _options.VideoMaxSide);
        var frames = await reader.ReadAsync(path, times, size, cancellationToken);

        var labels = new List<FrameLabels>(frames.Count);
        foreach (var frame in frames)
            labels.Add(new FrameLabels(frame.Seconds, await images.AnnotateAsync(frame.Frame, personTiles: false, cancellationToken)) { Frame = keepFrames ? frame.Frame : null });
        var video = LabelAggregator.Aggregate([.. labels.Select(l => l.Labels)], info.Width, info.Height, _options);
        return new VideoAnnotation(video, labels);
    }
}
