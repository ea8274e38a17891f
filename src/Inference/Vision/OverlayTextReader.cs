using System.Buffers;
using Insights.Inference.Detection;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Vision;

/// <summary>
/// Reads the text of detected text boxes with PaddleOCR's recogniser: each box is cut from the frame
/// (bilinear), scaled to height 48 with its aspect kept, normalised to -1..1, and decoded greedily (CTC).
/// Lines are ordered top to bottom, boxes of one line left to right.
/// </summary>
internal static class OverlayTextReader
{
    public const string Model = ModelNames.TextRecognizer;
    private const int Height = 48;
    // wider lines are squeezed (PaddleOCR widens its batch instead; a post's overlay rarely needs it)
    private const int MaxWidth = 960;
    // the boxes read per image, largest first: an overlay has a few lines; a poster's small print is not worth the time
    public const int MaxBoxes = 12;
    // PaddleOCR's drop_score: reads less sure than this are noise (textures, faces)
    private const float MinConfidence = 0.5f;
    /// <summary>Overlay text kept per image or video, in characters.</summary>
    public const int MaxLength = 500;

    /// <summary>The text in <paramref name="boxes"/> (original pixels): lines joined by newlines, words of a line by spaces.</summary>
    public static string Read(RgbFrame frame, IReadOnlyList<Box> boxes, ModelSession session)
    {
        var reads = new List<(Box Box, string Text)>();
        foreach (var box in boxes.OrderByDescending(b => (b.X2 - b.X1) * (b.Y2 - b.Y1)).Take(MaxBoxes))
        {
            var read = ReadBox(frame, box, session);
            if (read.Confidence >= MinConfidence && read.Text.Trim().Length > 0)
                reads.Add((box, read.Text.Trim()));
        }

        return Cap(string.Join('\n', Lines(reads).Select(line => string.Join(' ', line))));
    }

    public static TextRead ReadBox(RgbFrame frame, Box box, ModelSession session)
    {
        float bw = box.X2 - box.X1, bh = box.Y2 - box.Y1;
        if (bw < 1 || bh < 1)
            return new TextRead("", 0);
        var width = Math.Clamp((int)MathF.Ceiling(Height * bw / bh), 8, MaxWidth);
        var length = 3 * Height * width;
        var buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            Sample(frame, box, width, session.Manifest.Preprocessing, buffer);
            var labels = session.Manifest.Labels;
            return session.Run(buffer.AsMemory(0, length), [1, 3, Height, width],
                (values, shape) => CtcDecoder.Decode(values, shape[1], labels));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Joins words into lines: boxes whose vertical centre falls inside a line's first box share it.</summary>
    public static IEnumerable<IEnumerable<string>> Lines(IReadOnlyList<(Box Box, string Text)> reads)
    {
        var lines = new List<List<(Box Box, string Text)>>();
        foreach (var read in reads.OrderBy(r => r.Box.Y1 + r.Box.Y2))
        {
            var centre = (read.Box.Y1 + read.Box.Y2) / 2;
            var line = lines.FirstOrDefault(l => centre > l[0].Box.Y1 && centre < l[0].Box.Y2);
            if (line is null)
                lines.Add([read]);
            else
                line.Add(read);
        }

        return lines.Select(l => l.OrderBy(r => r.Box.X1).Select(r => r.Text));
    }

    /// <summary>Cuts text to <see cref="MaxLength"/> characters at a word boundary where there is one.</summary>
    public static string Cap(string text)
    {
        if (text.Length <= MaxLength)
            return text;
        var cut = text.LastIndexOfAny([' ', '\n'], MaxLength);
        return text[..(cut > MaxLength / 2 ? cut : MaxLength)];
    }

    // Bilinear samples of the box into a CHW tensor of Height x width, normalised as the manifest says ((x / 255 - 0.5) / 0.5).
    private static void Sample(RgbFrame frame, Box box, int width, Preprocessing p, float[] tensor)
    {
        var src = frame.Pixels;
        var plane = Height * width;
        float scaleX = (box.X2 - box.X1) / width, scaleY = (box.Y2 - box.Y1) / Height;
        for (var y = 0; y < Height; y++)
        {
            var sy = Math.Clamp(box.Y1 + (y + 0.5f) * scaleY - 0.5f, 0, frame.Height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, frame.Height - 1);
            var fy = sy - y0;
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp(box.X1 + (x + 0.5f) * scaleX - 0.5f, 0, frame.Width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, frame.Width - 1);
                var fx = sx - x0;
                int a = (y0 * frame.Width + x0) * 3, b = (y0 * frame.Width + x1) * 3, c = (y1 * frame.Width + x0) * 3, d = (y1 * frame.Width + x1) * 3;
                for (var ch = 0; ch < 3; ch++)
                {
                    var top = src[a + ch] + (src[b + ch] - src[a + ch]) * fx;
                    var bottom = src[c + ch] + (src[d + ch] - src[c + ch]) * fx;
                    tensor[ch * plane + y * width + x] = (top + (bottom - top) * fy - p.Mean[ch]) * p.Scale[ch];
                }
            }
        }
    }
}
