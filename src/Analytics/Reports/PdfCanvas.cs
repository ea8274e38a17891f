using SkiaSharp;

namespace Insights.Analytics.Reports;

/// <summary>
/// A flowing A4 layout on SkiaSharp's PDF backend: a cursor that moves down the page, wrapped text,
/// images and charts, a new page when a block does not fit, and a footer on every page. Units are points.
/// </summary>
internal sealed class PdfCanvas : IDisposable
{
    public const float PageWidth = 595;
    public const float PageHeight = 842;
    public const float Margin = 42;
    public const float ContentWidth = PageWidth - 2 * Margin;
    private const float Bottom = PageHeight - Margin - 18;

    private readonly SKDocument _document;
    private readonly string _footer;
    private readonly Dictionary<(bool, float), SKFont> _fonts = [];
    private SKCanvas? _canvas;

    public PdfCanvas(Stream output, string title, string footer)
    {
        _document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = title,
            Creator = "Insights",
            Producer = "Insights (SkiaSharp)",
            RasterDpi = 150,
            EncodingQuality = 85,
        });
        _footer = footer;
        NewPage();
    }

    public float Y { get; set; }

    public int Page { get; private set; }

    public SKCanvas Canvas => _canvas!;

    public void NewPage()
    {
        if (_canvas is not null)
            EndPage();
        _canvas = _document.BeginPage(PageWidth, PageHeight);
        Page++;
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Ensure(float height)
    {
        if (Y + height > Bottom)
            NewPage();
    }

    public SKFont Font(float size, bool bold = false)
    {
        if (!_fonts.TryGetValue((bold, size), out var font))
        {
            // Linear metrics: hinted advances at small sizes drift and break words apart in text extraction.
            font = new SKFont(bold ? ReportFonts.Bold : ReportFonts.Regular, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
            _fonts[(bold, size)] = font;
        }
        return font;
    }

    public float Measure(string text, float size, bool bold = false) => Font(size, bold).MeasureText(text);

    /// <summary>Draws one line at (x, baseline); no wrapping, cut with an ellipsis to <paramref name="maxWidth"/>.</summary>
    public void Line(string text, float x, float baseline, float size, SKColor colour, bool bold = false, float maxWidth = ContentWidth, bool alignRight = false)
    {
        var font = Font(size, bold);
        var fitted = Fit(Printable(text, font), font, maxWidth);
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        var left = alignRight ? x - font.MeasureText(fitted) : x;
        Canvas.DrawText(fitted, left, baseline, font, paint);
    }

    /// <summary>Writes wrapped text at the cursor and moves it down; returns the height used.</summary>
    public float Paragraph(string text, float size, SKColor colour, bool bold = false, float x = Margin, float width = ContentWidth, float spacing = 1.35f, int maxLines = int.MaxValue)
    {
        var lines = Wrap(text, Font(size, bold), width, maxLines);
        var height = lines.Count * size * spacing;
        Ensure(height);
        var baseline = Y + size;
        foreach (var line in lines)
        {
            Line(line, x, baseline, size, colour, bold, width);
            baseline += size * spacing;
        }
        Y += height;
        return height;
    }

    public void Heading(string text, float size = 16)
    {
        Ensure(size * 3);
        Y += size * 0.6f;
        Line(text, Margin, Y + size, size, ReportPalette.Ink, bold: true);
        Y += size * 1.5f;
        using var paint = new SKPaint { Color = ReportPalette.Accent, StrokeWidth = 1.2f, IsAntialias = true };
        Canvas.DrawLine(Margin, Y, Margin + 60, Y, paint);
        Y += 8;
    }

    public void Rect(SKRect rect, SKColor fill, SKColor? stroke = null)
    {
        using var paint = new SKPaint { Color = fill, IsAntialias = true, Style = SKPaintStyle.Fill };
        Canvas.DrawRoundRect(rect, 4, 4, paint);
        if (stroke is { } s)
        {
            using var border = new SKPaint { Color = s, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.6f };
            Canvas.DrawRoundRect(rect, 4, 4, border);
        }
    }

    /// <summary>Draws an encoded image fitted into <paramref name="box"/>, keeping its aspect.</summary>
    public void Image(byte[] encoded, SKRect box)
    {
        using var image = SKImage.FromEncodedData(encoded);
        if (image is null)
            return;
        var scale = Math.Min(box.Width / image.Width, box.Height / image.Height);
        var w = image.Width * scale;
        var h = image.Height * scale;
        var target = SKRect.Create(box.Left + (box.Width - w) / 2, box.Top + (box.Height - h) / 2, w, h);
        Canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }

    /// <summary>Renders a ScottPlot chart at the cursor, as vectors.</summary>
    public void Chart(ScottPlot.Plot plot, float height, float x = Margin, float width = ContentWidth, bool advance = true)
    {
        Ensure(height);
        Canvas.Save();
        Canvas.Translate(x, Y);
        plot.Render(Canvas, (int)width, (int)height);
        Canvas.Restore();
        if (advance)
            Y += height;
    }

    public void Dispose()
    {
        EndPage();
        _document.Close();
        _document.Dispose();
        foreach (var font in _fonts.Values) font.Dispose();
    }

    private void EndPage()
    {
        if (_canvas is null)
            return;
        Line(_footer, Margin, PageHeight - Margin + 10, 7.5f, ReportPalette.Muted, maxWidth: ContentWidth - 60);
        Line($"page {Page}", PageWidth - Margin, PageHeight - Margin + 10, 7.5f, ReportPalette.Muted, alignRight: true);
        _document.EndPage();
        _canvas = null;
    }

    // Emoji and other symbols the typeface lacks would print as boxes; they are left out.
    private static string Printable(string text, SKFont font)
    {
        var typeface = font.Typeface;
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value < 0x80 || typeface.GetGlyph(rune.Value) != 0)
                builder.Append(rune.ToString());
        }
        return builder.Length == text.Length ? text : System.Text.RegularExpressions.Regex.Replace(builder.ToString(), "  +", " ");
    }

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
            return text;
        var length = text.Length;
        while (length > 0 && font.MeasureText(text.AsSpan(0, length)) + font.MeasureText("…") > width)
            length--;
        return text[..length].TrimEnd() + "…";
    }

    private static List<string> Wrap(string text, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && font.MeasureText(candidate) > width)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }
            lines.Add(current);
        }
        if (lines.Count > maxLines)
        {
            lines = lines.Take(maxLines).ToList();
            lines[^1] += " …";
        }
        return lines;
    }
}

/// <summary>Colours of the report: ink, muted text, the accent, and one colour per popularity class.</summary>
internal static class ReportPalette
{
    public static readonly SKColor Ink = new(0x21, 0x21, 0x21);
    public static readonly SKColor Muted = new(0x75, 0x75, 0x75);
    public static readonly SKColor Accent = new(0x15, 0x65, 0xc0);
    public static readonly SKColor Tile = new(0xf3, 0xf6, 0xfa);
    public static readonly SKColor Rule = new(0xe0, 0xe0, 0xe0);
    public static readonly SKColor Good = new(0x2e, 0x7d, 0x32);
    public static readonly SKColor Bad = new(0xc6, 0x28, 0x28);

    /// <summary>Low to high: red, amber, grey, light green, green, picked to the number of classes.</summary>
    public static SKColor Class(int @class, int classes)
    {
        SKColor[] scale = classes switch
        {
            2 => [Bad, Good],
            3 => [Bad, new SKColor(0x9e, 0x9e, 0x9e), Good],
            4 => [Bad, new SKColor(0xef, 0x8f, 0x00), new SKColor(0x7c, 0xb3, 0x42), Good],
            _ => [Bad, new SKColor(0xef, 0x8f, 0x00), new SKColor(0x9e, 0x9e, 0x9e), new SKColor(0x7c, 0xb3, 0x42), Good],
        };
        return scale[Math.Clamp(@class, 0, scale.Length - 1)];
    }

    public static ScottPlot.Color ToPlot(SKColor c, byte alpha = 255) => new(c.Red, c.Green, c.Blue, alpha);
}
