namespace Insights.Inference.Video;

/// <summary>
/// Which moments of a video to look at (DESIGN.md): one frame every interval, centred in its slot
/// (interval/2, 3*interval/2, ...) so a fade-in first frame is not taken, only within the first
/// <c>maxSeconds</c>, at most <c>maxFrames</c>. A clip shorter than one interval gives its middle frame.
/// An unknown duration plans for <c>maxSeconds</c>.
/// </summary>
public static class FrameSampler
{
    public static IReadOnlyList<double> Times(double durationSeconds, double intervalSeconds, double maxSeconds, int maxFrames)
    {
        // unknown duration: plan for the longest allowed; the reader keeps the frames that exist
        if (double.IsNaN(durationSeconds) || durationSeconds <= 0)
            durationSeconds = maxSeconds;
        var end = Math.Min(durationSeconds, maxSeconds);
        var offset = Math.Min(intervalSeconds / 2, end / 2);
        var times = new List<double>();
        for (var t = offset; t < end && times.Count < maxFrames; t += intervalSeconds)
            times.Add(Math.Round(t, 3));
        return times.Count > 0 ? times : [Math.Round(end / 2, 3)];
    }

    /// <summary>Output size for a frame of the given size: long side at most <paramref name="maxSide"/>, aspect kept, never upscaled.</summary>
    public static (int Width, int Height) Size(int width, int height, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(width, height));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
