using ImageMagick;

namespace Insights.Inference.Imaging;

/// <summary>
/// Magick.NET's process-wide resource limits (memory, area, disk) from <see cref="LabelOptions"/>, set
/// by every service that decodes with it before its first decode, so parallel large images cannot take
/// the process's memory beyond them.
/// </summary>
public static class MagickLimits
{
    public static void Apply(LabelOptions options)
    {
        ResourceLimits.Memory = (ulong)options.MagickMemoryBytes;
        ResourceLimits.Area = (ulong)options.MagickAreaPixels;
        ResourceLimits.Disk = (ulong)options.MagickDiskBytes;
    }
}
