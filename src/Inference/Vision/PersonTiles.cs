namespace Insights.Inference.Vision;

/// <summary>A rectangle of an image that CenterNet sees on its own, in image pixels.</summary>
public sealed record Tile(int X, int Y, int Width, int Height)
{
    /// <summary>True when the box reaches this tile's edge where the tile cuts the image (not the image's own border): a person there may be cut in two.</summary>
    public bool CutsBox(Box box, int imageWidth, int imageHeight, float margin = 2f) =>
        (X > 0 && box.X1 <= X + margin) || (Y > 0 && box.Y1 <= Y + margin)
        || (X + Width < imageWidth && box.X2 >= X + Width - margin) || (Y + Height < imageHeight && box.Y2 >= Y + Height - margin);
}

/// <summary>
/// The overlapping tiles on which people are looked for a second time, larger than in the whole-image
/// pass (CenterNet sees a 512 px square; a person 30 px tall in the image becomes about 55 px in a tile).
/// </summary>
public static class PersonTiles
{
    /// <summary>
    /// A 2x2 grid, each tile <paramref name="share"/> of the width and height (so neighbours overlap by
    /// 2 * share - 1), or none when the short side is under <paramref name="minSide"/> (tiles would be too
    /// blurry to show more than the whole image did).
    /// </summary>
    public static IReadOnlyList<Tile> For(int width, int height, int minSide, float share = 0.6f)
    {
        if (minSide <= 0 || Math.Min(width, height) < minSide)
            return [];
        int w = (int)Math.Ceiling(width * share), h = (int)Math.Ceiling(height * share);
        return [new(0, 0, w, h), new(width - w, 0, w, h), new(0, height - h, w, h), new(width - w, height - h, w, h)];
    }
}
