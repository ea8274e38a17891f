namespace Insights.Inference.Vision;

/// <summary>A rectangle of an image that CenterNet sees on its own, in image pixels.</summary>
public sealed record Tile(int X, int Y, int Width, int Height)
{
    /// <summary>True when the box reaches this tile's edge where the tile cuts the image (not the image's own border): a person there may be cut in two.</summary>
    public bool CutsBox(Box box, int imageWidth, int imageHeight, float margin = 2f) =>
        (X > 0 && box.X1 <= X + margin) || (Y > 0 && box.Y1 <= Y + margin)
        || (X + Width < imageWidth && box.X2 >= X + Width - margin) || (Y + Height < imageHeight && box.Y2 >= Y + Height - margin);
}
