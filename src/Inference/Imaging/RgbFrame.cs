namespace Insights.Inference.Imaging;

/// <summary>An upright 8-bit RGB image, pixels interleaved row by row (Width * Height * 3 bytes).</summary>
public sealed class RgbFrame
{
    public RgbFrame(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != (long)width * height * 3)
            throw new ArgumentException($"expected {(long)width * height * 3} bytes for {width}x{height} RGB, got {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    // The few sizes asked of one frame (model inputs, the stats' 512 px copy): each is computed once,
    // so a square image's CenterNet input and its stats share one resize. Bounded by the callers: at most one per size.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Width, int Height, bool AlignCorners), RgbFrame> _resized = new();

    /// <summary>
    /// Bilinear resize as TF.js's resizeBilinear does it (no antialiasing), which is what the models
    /// were fed by their JS libraries: half-pixel-free source mapping, or corner-aligned when asked.
    /// </summary>
    public RgbFrame Resize(int width, int height, bool alignCorners = false)
    {
        if (width == Width && height == Height)
            return this;
        return _resized.GetOrAdd((width, height, alignCorners), key => ResizeOnce(key.Width, key.Height, key.AlignCorners));
    }

    /// <summary>A copy of the rectangle at (<paramref name="x"/>, <paramref name="y"/>), clipped to the frame.</summary>
    public RgbFrame Crop(int x, int y, int width, int height)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        width = Math.Clamp(width, 1, Width - x);
        height = Math.Clamp(height, 1, Height - y);
        var pixels = new byte[width * height * 3];
        for (var row = 0; row < height; row++)
            Array.Copy(Pixels, ((y + row) * Width + x) * 3, pixels, row * width * 3, width * 3);
        return new RgbFrame(width, height, pixels);
    }

    private RgbFrame ResizeOnce(int width, int height, bool alignCorners)
    {
        var result = new byte[width * height * 3];
        var scaleX = alignCorners && width > 1 ? (Width - 1f) / (width - 1) : (float)Width / width;
        var scaleY = alignCorners && height > 1 ? (Height - 1f) / (height - 1) : (float)Height / height;
        var x0s = new int[width];
        var x1s = new int[width];
        var fxs = new float[width];
        for (var x = 0; x < width; x++)
        {
            var sx = x * scaleX;
            var x0 = Math.Min((int)sx, Width - 1);
            x0s[x] = x0 * 3;
            x1s[x] = Math.Min(x0 + 1, Width - 1) * 3;
            fxs[x] = sx - x0;
        }

        var src = Pixels;
        for (var y = 0; y < height; y++)
        {
            var sy = y * scaleY;
            var y0 = Math.Min((int)sy, Height - 1);
            var y1 = Math.Min(y0 + 1, Height - 1);
            var fy = sy - y0;
            int row0 = y0 * Width * 3, row1 = y1 * Width * 3, o = y * width * 3;
            for (var x = 0; x < width; x++)
            {
                float fx = fxs[x];
                int a = row0 + x0s[x], b = row0 + x1s[x], c = row1 + x0s[x], d = row1 + x1s[x];
                for (var ch = 0; ch < 3; ch++)
                {
                    var top = src[a + ch] + (src[b + ch] - src[a + ch]) * fx;
                    var bottom = src[c + ch] + (src[d + ch] - src[c + ch]) * fx;
                    result[o++] = (byte)Math.Clamp((int)MathF.Round(top + (bottom - top) * fy), 0, 255);
                }
            }
        }

        return new RgbFrame(width, height, result);
    }
}
