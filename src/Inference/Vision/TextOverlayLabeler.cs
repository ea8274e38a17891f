using Insights.Inference.Detection;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Vision;

/// <summary>
/// Text overlay from PaddleOCR's DB text map: the image resized (aspect kept) so its long side is the
/// configured size, both sides multiples of 32; regions become boxes expanded as DB's "unclip" does
/// (by area * 1.5 / perimeter). Only line-shaped regions (width at least
/// <see cref="LabelOptions.TextLineMinAspect"/> times the height) count as text; the area ratio is the
/// share of the image those boxes cover.
/// </summary>
internal sealed class TextOverlayLabeler(LabelOptions options)
{
    public const string Model = ModelNames.TextDetector;
    private const float UnclipRatio = 1.5f;

    public ModelInput Prepare(RgbFrame frame, ModelManifest manifest)
    {
        var (w, h) = InputSize(frame.Width, frame.Height, options.TextDetectorSide);
        var resized = frame.Resize(w, h);
        return new ModelInput(Model, ImageTensor.FromRgb(resized.Pixels, w, h, manifest), [1, 3, h, w]);
    }

    public static (int Width, int Height) InputSize(int width, int height, int side)
    {
        var scale = (double)side / Math.Max(width, height);
        return (Math.Max(32, (int)Math.Round(width * scale / 32) * 32), Math.Max(32, (int)Math.Round(height * scale / 32) * 32));
    }

    public TextOverlayLabel Label(ModelOutputs outputs, ModelManifest manifest, RgbFrame frame)
    {
        var map = outputs[manifest.Outputs[0].Name];
        int h = map.Shape[^2], w = map.Shape[^1];
        var regions = TextMapDecoder.Decode(map, options.TextPixelThreshold, options.TextBoxThreshold);
        var covered = new bool[w * h];
        var boxes = new List<Box>(regions.Count);
        var sx = (float)frame.Width / w;
        var sy = (float)frame.Height / h;
        foreach (var r in regions)
        {
            float bw = r.X2 - r.X1, bh = r.Y2 - r.Y1;
            // overlaid text comes in lines; DB also fires on compact shapes (signs, fruit, clipart outlines)
            if (bw < options.TextLineMinAspect * bh)
                continue;
            var d = bw * bh * UnclipRatio / (2 * (bw + bh));
            int x1 = Math.Max(0, (int)(r.X1 - d)), y1 = Math.Max(0, (int)(r.Y1 - d));
            int x2 = Math.Min(w, (int)MathF.Ceiling(r.X2 + d)), y2 = Math.Min(h, (int)MathF.Ceiling(r.Y2 + d));
            for (var y = y1; y < y2; y++)
                Array.Fill(covered, true, y * w + x1, x2 - x1);
            boxes.Add(new Box(x1 * sx, y1 * sy, x2 * sx, y2 * sy, r.MeanScore));
        }

        var ratio = (float)covered.AsSpan().Count(true) / covered.Length;
        return new TextOverlayLabel(ratio >= options.TextOverlayMinArea && boxes.Count > 0, ratio, boxes);
    }
}
