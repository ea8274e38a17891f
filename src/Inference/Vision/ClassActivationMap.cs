namespace Insights.Inference.Vision;

/// <summary>
/// Class activation maps on plain arrays: <c>CAM_c(x, y) = sum_k w[c, k] * A_k(x, y)</c> over a CHW
/// feature map, and a bilinear upsampling to the image. Because a linear head on globally pooled
/// features scores <c>w_c . mean(A)</c>, the map's mean is that score (up to the embedding's norm): it says
/// where in the picture the score comes from, exactly (it is Grad-CAM for a linear head).
/// </summary>
public static class ClassActivationMap
{
    /// <summary>The map of one class: <paramref name="weights"/> has one weight per channel of <paramref name="features"/> ([C, H, W]); returns H * W values, row by row.</summary>
    public static float[] Compute(FeatureMap features, ReadOnlySpan<float> weights)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Shape.Length != 3 || features.Layout != "CHW")
            throw new ArgumentException($"expected a [C, H, W] feature map, got [{string.Join(", ", features.Shape)}] {features.Layout}", nameof(features));
        var (channels, cells) = (features.Shape[0], features.Shape[1] * features.Shape[2]);
        if (weights.Length != channels)
            throw new ArgumentException($"expected {channels} weights (one per channel), got {weights.Length}", nameof(weights));
        var values = features.Values.AsSpan();
        var map = new float[cells];
        for (var k = 0; k < channels; k++)
        {
            var w = weights[k];
            if (w == 0f) continue;
            var channel = values.Slice(k * cells, cells);
            for (var i = 0; i < cells; i++)
                map[i] += w * channel[i];
        }
        return map;
    }

    /// <summary>
    /// Bilinear upsampling of an H x W map to <paramref name="width"/> x <paramref name="height"/> with
    /// pixel centres aligned (each cell's value sits at the centre of the image area it covers; edges hold).
    /// </summary>
    public static float[] Upsample(ReadOnlySpan<float> map, int mapWidth, int mapHeight, int width, int height)
    {
        if (map.Length != mapWidth * mapHeight)
            throw new ArgumentException($"expected {mapWidth * mapHeight} values for {mapWidth}x{mapHeight}, got {map.Length}", nameof(map));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var result = new float[width * height];
        var x0s = new int[width];
        var x1s = new int[width];
        var fxs = new float[width];
        for (var x = 0; x < width; x++)
            (x0s[x], x1s[x], fxs[x]) = Source(x, width, mapWidth);
        for (var y = 0; y < height; y++)
        {
            var (y0, y1, fy) = Source(y, height, mapHeight);
            for (var x = 0; x < width; x++)
            {
                var top = map[y0 * mapWidth + x0s[x]] + (map[y0 * mapWidth + x1s[x]] - map[y0 * mapWidth + x0s[x]]) * fxs[x];
                var bottom = map[y1 * mapWidth + x0s[x]] + (map[y1 * mapWidth + x1s[x]] - map[y1 * mapWidth + x0s[x]]) * fxs[x];
                result[y * width + x] = top + (bottom - top) * fy;
            }
        }
        return result;

        static (int Lower, int Upper, float Fraction) Source(int i, int size, int mapSize)
        {
            var s = Math.Clamp((i + 0.5f) * mapSize / size - 0.5f, 0f, mapSize - 1f);
            var lower = (int)s;
            return (lower, Math.Min(lower + 1, mapSize - 1), s - lower);
        }
    }

    /// <summary>Scales a map to 0..1 (minimum to maximum); a flat map becomes all zeros.</summary>
    public static float[] Normalize(ReadOnlySpan<float> map)
    {
        var (min, max) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var v in map)
            (min, max) = (Math.Min(min, v), Math.Max(max, v));
        var range = max - min;
        var result = new float[map.Length];
        if (!(range > 0)) return result;
        for (var i = 0; i < map.Length; i++)
            result[i] = (map[i] - min) / range;
        return result;
    }
}
