using System.Globalization;
using System.Text.Json;
using Insights.Inference.Imaging;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Video;

/// <summary>What ffprobe says about a video's first video stream: upright size (rotation applied) and duration.</summary>
public sealed record VideoInfo(int Width, int Height, double DurationSeconds);

/// <summary>A frame taken from a video at a time.</summary>
public sealed record VideoFrame(double Seconds, RgbFrame Frame);

/// <summary>Probes a video with ffprobe and decodes its sampled frames as raw RGB through a pipe from ffmpeg.</summary>
public sealed class VideoFrameReader(FfmpegTools tools, IOptions<LabelOptions> options)
{
    private readonly LabelOptions _options = options.Value;

    public async Task<VideoInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        var (exit, stdout, stderr) = await FfmpegTools.RunAsync(tools.Ffprobe,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,duration:stream_side_data=rotation:stream_tags=rotate:format=duration", "-of", "json", path],
            _options.VideoTimeout, cancellationToken);
        if (exit != 0)
            throw new MediaRejectedException(MediaRejection.Corrupt, $"{path}: ffprobe cannot read the video ({FirstLine(stderr)})");
        using var json = JsonDocument.Parse(stdout);
        if (!json.RootElement.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
            throw new MediaRejectedException(MediaRejection.Corrupt, $"{path}: no video stream");
        var stream = streams[0];
        if (!stream.TryGetProperty("width", out var w) || !stream.TryGetProperty("height", out var h) || w.GetInt32() <= 0 || h.GetInt32() <= 0)
            throw new MediaRejectedException(MediaRejection.Corrupt, $"{path}: the video stream has no frame size");
        int width = w.GetInt32(), height = h.GetInt32();
        if (Math.Abs(Rotation(stream)) % 180 == 90)
            (width, height) = (height, width);
        var duration = Seconds(stream) ?? (json.RootElement.TryGetProperty("format", out var format) ? Seconds(format) : null) ?? double.NaN;
        return new VideoInfo(width, height, duration);
    }

    /// <summary>
    /// Decodes the frames at <paramref name="times"/> (evenly spaced, as <see cref="FrameSampler"/> gives them)
    /// in one ffmpeg run: seek to the first, keep one frame per interval, scale to <paramref name="size"/>.
    /// </summary>
    public async Task<IReadOnlyList<VideoFrame>> ReadAsync(string path, IReadOnlyList<double> times, (int Width, int Height) size, CancellationToken cancellationToken = default)
    {
        var interval = times.Count > 1 ? times[1] - times[0] : _options.VideoFrameIntervalSeconds;
        var span = times[^1] - times[0] + interval;
        string[] args =
        [
            "-v", "error", "-nostdin",
            "-ss", Format(times[0]), "-i", path, "-t", Format(span),
            "-an", "-sn", "-vf", $"fps=fps=1/{Format(interval)}:round=near,scale={size.Width}:{size.Height}:flags=area",
            "-frames:v", times.Count.ToString(CultureInfo.InvariantCulture),
            "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        ];
        var (exit, stdout, stderr) = await FfmpegTools.RunAsync(tools.Ffmpeg, args, _options.VideoTimeout, cancellationToken);
        var frameBytes = size.Width * size.Height * 3;
        var count = Math.Min(times.Count, stdout.Length / frameBytes);
        if (count == 0)
        {
            throw new MediaRejectedException(MediaRejection.Corrupt,
                $"{path}: no decodable video frame{(exit != 0 || stderr.Length > 0 ? $" (ffmpeg: {FirstLine(stderr)})" : "")}");
        }

        var frames = new List<VideoFrame>(count);
        for (var i = 0; i < count; i++)
            frames.Add(new VideoFrame(times[i], new RgbFrame(size.Width, size.Height, stdout.AsSpan(i * frameBytes, frameBytes).ToArray())));
        return frames;
    }

    private static int Rotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var r) && r.TryGetInt32(out var rotation))
                    return rotation;
            }
        }

        if (stream.TryGetProperty("tags", out var tags) && tags.TryGetProperty("rotate", out var rotate)
            && int.TryParse(rotate.GetString(), CultureInfo.InvariantCulture, out var tagged))
            return tagged;
        return 0;
    }

    private static double? Seconds(JsonElement element) =>
        element.TryGetProperty("duration", out var d) && double.TryParse(d.GetString(), CultureInfo.InvariantCulture, out var s) && s > 0 ? s : null;

    private static string Format(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no message";
}
