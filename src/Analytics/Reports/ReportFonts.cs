using SkiaSharp;

namespace Insights.Analytics.Reports;

/// <summary>
/// The typefaces of the PDF and its charts: the first sans family the system has (DejaVu Sans, Liberation Sans,
/// Arial, Helvetica), else Skia's default. Fonts are embedded (subset) in the PDF, so it reads the same anywhere.
/// </summary>
public static class ReportFonts
{
    private static readonly string[] Families = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"];
    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Faces = new(Load);

    public static SKTypeface Regular => Faces.Value.Regular;

    public static SKTypeface Bold => Faces.Value.Bold;

    public static string Family => Regular.FamilyName;

    private static (SKTypeface, SKTypeface) Load()
    {
        var manager = SKFontManager.Default;
        foreach (var family in Families)
        {
            var regular = manager.MatchFamily(family, SKFontStyle.Normal);
            if (regular is null || !string.Equals(regular.FamilyName, family, StringComparison.OrdinalIgnoreCase))
                continue;
            return (regular, manager.MatchFamily(family, SKFontStyle.Bold) ?? regular);
        }
        return (SKTypeface.Default, SKTypeface.FromFamilyName(null, SKFontStyle.Bold) ?? SKTypeface.Default);
    }
}
