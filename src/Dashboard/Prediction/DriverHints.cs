using System.Globalization;
using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;

namespace Insights.Dashboard.Prediction;

/// <summary>
/// Turns the Labels page's figures (median lift of each automatic label value within the media group,
/// with its bootstrap interval and n) into plain sentences about a draft's own labels, largest effect first.
/// </summary>
public static class DriverHints
{
    public static IReadOnlyList<DriverHint> For(LabelBreakdown breakdown, IReadOnlyDictionary<string, string> draftCategories, MediaGroup group, double level, int max)
    {
        var hints = new List<DriverHint>();
        foreach (var category in breakdown.Categories.Where(c => c.Source == LabelSource.Automatic))
        {
            if (!draftCategories.TryGetValue(category.Category, out var value))
                continue;
            var row = category.Rows.FirstOrDefault(r => r.Group == group && r.Value == value)
                ?? category.Rows.FirstOrDefault(r => r.Group is null && r.Value == value);
            if (row is null || !double.IsFinite(row.Lift))
                continue;
            var scope = row.Group is null ? "posts" : group == MediaGroup.Videos ? "videos" : "images";
            var percent = (int)Math.Round(level * 100);
            var text = $"{Capitalise(scope)} {Describe(category.Category, value)} do {Signed(row.Lift)} on this profile " +
                $"(n = {row.N.ToString("N0", CultureInfo.InvariantCulture)}, {percent}% interval {Signed(row.LiftLow)} to {Signed(row.LiftHigh)})" +
                (row.Sparse ? "; few posts, take it as a hint only" : "");
            hints.Add(new DriverHint(category.Category, value, row.N, row.Lift, row.LiftLow, row.LiftHigh, row.Sparse, text));
        }
        return [.. hints.OrderBy(h => h.Sparse).ThenByDescending(h => Math.Abs(h.Lift - 1)).Take(max)];
    }

    /// <summary>"+18%" for a lift of 1.18, "-7%" for 0.93.</summary>
    public static string Signed(double lift)
    {
        var percent = (int)Math.Round((lift - 1) * 100);
        return percent switch { > 0 => $"+{percent}%", < 0 => $"−{-percent}%", _ => "±0%" };
    }

    /// <summary>A label value in words, after "Images": people one_person is "with one person", illustration 0 is "that are photos".</summary>
    public static string Describe(string category, string value)
    {
        var yes = value is "1" or "true" or "yes";
        var no = value is "0" or "false" or "no";
        return category switch
        {
            "people" => "with " + value.Replace('_', ' ').Replace("persons", "people", StringComparison.Ordinal).Replace("three or more", "three or more people", StringComparison.Ordinal),
            "text_overlay" when yes => "with a text overlay",
            "text_overlay" when no => "without a text overlay",
            "illustration" when yes => "that are illustrations (not photos)",
            "illustration" when no => "that are photos (not illustrations)",
            "animals" when yes => "with an animal",
            "animals" when no => "without an animal",
            "nsfw" when yes => "flagged nsfw",
            "nsfw" when no => "not flagged nsfw",
            _ when yes && category.StartsWith("custom_", StringComparison.Ordinal) => $"with your label '{category["custom_".Length..]}'",
            _ when no && category.StartsWith("custom_", StringComparison.Ordinal) => $"without your label '{category["custom_".Length..]}'",
            _ when yes => "with " + category.Replace('_', ' '),
            _ when no => "without " + category.Replace('_', ' '),
            _ => $"with {category.Replace('_', ' ')} {value.Replace('_', ' ')}",
        };
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
