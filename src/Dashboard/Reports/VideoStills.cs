using System.Diagnostics;
using Insights.Analytics.Reports;
using Insights.Inference.Video;

namespace Insights.Dashboard.Reports;

/// <summary>A still of a video for report thumbnails: one JPEG frame at one second (or the first), from ffmpeg.</summary>
public sealed class VideoStills(FfmpegTools tools, ILogger<VideoStills> logger) : IVideoStillSource
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public async Task<byte[]?> StillAsync(string path, CancellationToken cancellationToken = default)
    {
        foreach (var seconds in new[] { "1", "0" })
        {
            var still = await RunAsync(["-v", "error", "-nostdin", "-ss", seconds, "-i", path, "-frames:v", "1", "-vf", "scale=480:-2", "-f", "image2pipe", "-c:v", "mjpeg", "pipe:1"], cancellationToken);
            if (still is { Length: > 0 })
                return still;
        }
        return null;
    }

    private async Task<byte[]?> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        string ffmpeg;
        try
        {
            ffmpeg = tools.Ffmpeg;
        }
        catch (FileNotFoundException ex)
        {
            logger.LogInformation("No video thumbnails in reports: {Reason}", ex.Message);
            return null;
        }
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start);
        if (process is null)
            return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var output = new MemoryStream();
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            await stderr;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
                throw;
            return null;
        }
        return process.ExitCode == 0 ? output.ToArray() : null;
    }
}
