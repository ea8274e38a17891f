namespace Insights.Inference.Vision;

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
