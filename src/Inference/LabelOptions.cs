using System.ComponentModel.DataAnnotations;

namespace Insights.Inference;

/// <summary>
/// Thresholds and limits of the automatic labels, bound from the "Labels" section. The thresholds'
/// defaults were tuned on the demo profile's media against the true labels in data/demo/media.csv
/// (the person threshold by cross-validation; see src/Inference/README.md for the figures, and
/// data/heldout for the people set no one tuned on).
/// </summary>
public sealed class LabelOptions
{
    public const string SectionName = "Labels";

    /// <summary>Largest image file accepted. Default 50 MB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxImageBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Largest declared image size (width x height), checked before decoding. Default 50 megapixels.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>Memory Magick.NET may hold for pixels, process-wide, before it pages to disk. Default 1 GiB.</summary>
    [Range(16L * 1024 * 1024, long.MaxValue)]
    public long MagickMemoryBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Largest image area (pixels) Magick.NET keeps in memory at once, process-wide. Default 128 megapixels.</summary>
    [Range(1_000_000, long.MaxValue)]
    public long MagickAreaPixels { get; set; } = 128_000_000;

    /// <summary>Disk Magick.NET may use for its pixel cache; beyond it a decode fails instead of filling the disk. Default 4 GiB.</summary>
    [Range(0, long.MaxValue)]
    public long MagickDiskBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest video file accepted. Default 2 GB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxVideoBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// CenterNet score from which a person counts (whole image and tiles). Default 0.375: the choice by
    /// balanced accuracy on the demo's labelled images, whose 5-fold cross-validation chose 0.375-0.45
    /// (tests/Benchmarks people).
    /// </summary>
    [Range(0.0, 1.0)]
    public float PersonThreshold { get; set; } = 0.375f;

    /// <summary>Short side (pixels) from which people are also looked for on 2x2 overlapping tiles (four more CenterNet runs); 0 turns tiles off. Default 256.</summary>
    [Range(0, 100_000)]
    public int PersonTileMinSide { get; set; } = 256;

    /// <summary>A face (from <see cref="FaceThreshold"/>) whose centre is in no person box and no animal's box counts as a person. Default true.</summary>
    public bool FacesAddPeople { get; set; } = true;

    /// <summary>CenterNet score from which an animal or object is present. Default 0.4.</summary>
    [Range(0.0, 1.0)]
    public float ObjectThreshold { get; set; } = 0.4f;

    /// <summary>IoU above which two detections of the same class are one (per-class NMS). Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public float DetectionIou { get; set; } = 0.5f;

    /// <summary>BlazeFace score from which a face counts. Default 0.75 (TF.js blazeface's own).</summary>
    [Range(0.0, 1.0)]
    public float FaceThreshold { get; set; } = 0.75f;

    /// <summary>Text probability from which a pixel of PaddleOCR's map is text. Default 0.3 (PaddleOCR's).</summary>
    [Range(0.0, 1.0)]
    public float TextPixelThreshold { get; set; } = 0.3f;

    /// <summary>Mean text probability from which a region is a text box. Default 0.6 (PaddleOCR's).</summary>
    [Range(0.0, 1.0)]
    public float TextBoxThreshold { get; set; } = 0.6f;

    /// <summary>Share of the image covered by text boxes from which a text overlay is present. Default 0.01.</summary>
    [Range(0.0, 1.0)]
    public float TextOverlayMinArea { get; set; } = 0.01f;

    /// <summary>Width / height from which a text region is a line of text; compact blobs (signs, fruit, outlines) are not. Default 3.</summary>
    [Range(0.0, 100.0)]
    public float TextLineMinAspect { get; set; } = 3f;

    /// <summary>Long side of the text detector's input (rounded to a multiple of 32). Default 640.</summary>
    [Range(64, 4096)]
    public int TextDetectorSide { get; set; } = 640;

    /// <summary>P(drawing) + P(hentai) from which an image is a drawing/illustration rather than a photo. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public float DrawingThreshold { get; set; } = 0.5f;

    /// <summary>P(porn) + P(hentai) + P(sexy) from which an image is nsfw. Default 0.8.</summary>
    [Range(0.0, 1.0)]
    public float NsfwThreshold { get; set; } = 0.8f;

    /// <summary>Keep the 7x7x1280 feature map (for class activation maps) in each label set; 250 KB per image. Default true.</summary>
    public bool IncludeFeatureMap { get; set; } = true;

    /// <summary>Most frames sampled from a video. Default 12.</summary>
    [Range(1, 1000)]
    public int VideoMaxFrames { get; set; } = 12;

    /// <summary>Seconds between sampled video frames. Default 2.</summary>
    [Range(0.05, 3600)]
    public double VideoFrameIntervalSeconds { get; set; } = 2;

    /// <summary>Only the first this many seconds of a video are sampled. Default 300.</summary>
    [Range(1, 86400)]
    public double VideoMaxSeconds { get; set; } = 300;

    /// <summary>Sampled frames are downscaled so their long side is at most this. Default 1024.</summary>
    [Range(32, 8192)]
    public int VideoMaxSide { get; set; } = 1024;

    /// <summary>Share of sampled frames a count or presence label must reach to hold for the video. Default 0.25.</summary>
    [Range(0.0, 1.0)]
    public double VideoPresenceFraction { get; set; } = 0.25;

    /// <summary>ffmpeg executable; null finds Debian's on PATH, else the pinned npm binary under the models folder.</summary>
    public string? FfmpegPath { get; set; }

    /// <summary>ffprobe executable; null finds it like <see cref="FfmpegPath"/>.</summary>
    public string? FfprobePath { get; set; }

    /// <summary>Longest a video may take to probe and decode. Default 2 minutes.</summary>
    public TimeSpan VideoTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
