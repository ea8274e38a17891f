using System.Globalization;
using Insights.Analytics.Vocabulary;

namespace Insights.Analytics.Compare;

/// <summary>
/// A comparison's figures in the words and number formats a person reads, the same on the Compare page and in
/// the comparison section of reports: rates as percentages with their 95% interval and n, growth with its ends,
/// label values by their display names.
/// </summary>
public static class ComparisonText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One line on top: how the first profile's typical post did against each other's, with every n.</summary>
    public static string Headline(CompareModel model)
    {
        if (model.Profiles.Count < 2)
            return "";
        var first = model.Profiles[0];
        var others = model.Profiles.Skip(1).ToList();
        var counts = Join(model.Profiles.Select(p => p.Por.N.ToString("N0", Inv)).ToList());
        if (first.Por.N == 0 || !(first.Por.Median > 0))
            return $"{first.Name} has no post with a Popularity Rate in the range, so its typical post cannot be set beside the others' (n = {counts}).";
        var ratios = others.Select(o => o.Por.N > 0 && o.Por.Median > 0
            ? $"{Ratio(first.Por.Median / o.Por.Median)} {o.Name}'s"
            : $"no comparison with {o.Name}'s (no post with a rate)").ToList();
        var line = $"{first.Name}'s typical post did {Join(ratios)} (median Popularity Rate, n = {counts}).";
        // Honest about chance: a ratio whose intervals overlap may not be a real difference.
        var unclear = others.Where(o => o.Por.N > 0 && o.Por.MedianLow <= first.Por.MedianHigh && first.Por.MedianLow <= o.Por.MedianHigh).Select(o => o.Name).ToList();
        if (unclear.Count > 0)
            line += $" The 95% intervals of {first.Name} and {Join(unclear)} overlap, so that difference may be chance.";
        return line;
    }

    /// <summary>"1.23% (1.10% – 1.40%), n = 812"; "– (n = 0)" without posts.</summary>
    public static string Interval(RateSummary rate) => rate.N == 0
        ? "– (n = 0)"
        : $"{Percent(rate.Median, 2)} ({Percent(rate.MedianLow, 2)} – {Percent(rate.MedianHigh, 2)}), n = {rate.N.ToString("N0", Inv)}";

    /// <summary>"+5.7% (20,500 → 21,667)"; "no follower snapshots" without them.</summary>
    public static string Growth(ComparedProfile profile) => profile.FollowerGrowth is { } growth
        ? $"{(growth >= 0 ? "+" : "")}{Percent(growth, 1)} ({profile.FollowersStart?.ToString("N0", Inv)} → {profile.FollowersEnd?.ToString("N0", Inv)})"
        : "no follower snapshots";

    /// <summary>Images · carousels · videos as shares of the profile's posts: "40% · 10% · 50%".</summary>
    public static string MediaMix(ComparedProfile profile) =>
        $"{Share(profile.Images, profile.Posts)} · {Share(profile.Carousels, profile.Posts)} · {Share(profile.Videos, profile.Posts)}";

    /// <summary>A share of a total as a whole percentage; "–" of nothing.</summary>
    public static string Share(int count, int total) => total == 0 ? "–" : (100.0 * count / total).ToString("0", Inv) + "%";

    /// <summary>"× 1.20 (1.05–1.38), n = 45"; "–" where the profile lacks the label.</summary>
    public static string Lift(LiftCell? cell) => cell is null
        ? "–"
        : $"× {cell.Lift.ToString("0.00", Inv)} ({cell.Low.ToString("0.00", Inv)}–{cell.High.ToString("0.00", Inv)}), n = {cell.N.ToString("N0", Inv)}";

    /// <summary>"People in the picture: No people": the catalogue's names, never code names.</summary>
    public static string Label(LabelLiftRow row) => $"{Terms.Name(row.Category)}: {Terms.Value(row.Category, row.Value)}";

    /// <summary>A fraction as a percentage with a fixed number of decimals; "–" when not finite.</summary>
    public static string Percent(double? value, int decimals) =>
        value is { } v && double.IsFinite(v) ? (v * 100).ToString("F" + decimals.ToString(Inv), Inv) + "%" : "–";

    // 1.4× above 1, "0.71×" below: two significant figures read well either way.
    private static string Ratio(double ratio) => (ratio >= 10 ? ratio.ToString("0", Inv) : ratio.ToString("0.0#", Inv)) + "×";

    private static string Join(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };
}
