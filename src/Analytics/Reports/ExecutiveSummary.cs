using System.Globalization;
using Insights.Analytics.Vocabulary;

namespace Insights.Analytics.Reports;

/// <summary>
/// The report's first words for a reader who reads nothing else: what was posted, how the typical post did,
/// how the audience grew, the clearest label effects and what the drivers model can tell, each with its n.
/// Only clear label effects (enough posts, an interval that leaves out "no difference") are stated.
/// </summary>
public static class ExecutiveSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<string> Sentences(ReportContent c)
    {
        var k = c.Kpis;
        var sentences = new List<string>();
        if (k.Posts == 0)
        {
            sentences.Add($"{c.ProfileName} published no posts {RangeWords(c)}, so there is nothing to summarise.");
            return sentences;
        }
        sentences.Add($"{c.ProfileName} published {Count(k.Posts, "post")} {RangeWords(c)}: {Count(k.Images, "image")}, {Count(k.Carousels, "carousel")} and {Count(k.Videos, "video")}.");

        if (k.MedianPopularityRate.Value is { } por)
        {
            var typical = $"The typical post won likes and comments from {ReportCharts.Percent(por)} of the followers (median, n = {k.MedianPopularityRate.N:N0})";
            sentences.Add(k.MedianEngagementRate.Value is { } er
                ? typical + $"; where impressions are known, {ReportCharts.Percent(er)} of the people reached reacted (median engagement rate, n = {k.MedianEngagementRate.N:N0})."
                : typical + ".");
        }
        if (k.FollowersAtStart is { } start && k.FollowersAtEnd is { } end && start > 0)
        {
            var change = end / start - 1;
            sentences.Add(Math.Abs(change) < 0.005
                ? $"Followers stayed at about {end:N0}."
                : $"Followers {(change > 0 ? "grew" : "fell")} from {start:N0} to {end:N0} ({(change > 0 ? "+" : "−")}{ReportCharts.Percent(Math.Abs(change))}).");
        }
        var classified = k.PostsPerClass.Sum();
        if (classified > 0 && c.ClassNames.Count > 1)
        {
            var top = k.PostsPerClass[^1] / (double)classified;
            sentences.Add($"{ReportCharts.Percent(top)} of the classified posts reached the top class '{c.ClassNames[^1]}' (an even split would give {ReportCharts.Percent(1.0 / c.ClassNames.Count)}; n = {classified:N0}).");
        }

        if (c.Labels is { } labels && c.Target is { } target)
        {
            var hidden = c.Sections.HasFlag(ReportSections.SensitiveContent) ? null : new HashSet<string> { Terms.SensitiveCategory };
            var clear = Findings.Clearest(labels, 3, hidden);
            if (clear.Count == 0)
                sentences.Add($"No label made a clear difference to the {target.Name} in this range (no 95% interval left out \"no difference\").");
            else
                sentences.AddRange(clear.Select(x => Findings.Sentence(x.Category.Category, x.Row) + $" (by {target.Name}).").Select(Capitalise));
        }

        if (c.Drivers is { } d)
        {
            var explained = Math.Max(0, d.CrossValidatedR2);
            var names = d.Top.Take(3).Select(t => Terms.Name(t.Feature)).ToList();
            sentences.Add(explained < 0.05
                ? $"The drivers model could not predict the {ReportTarget.NameOf(d)} of a post much better than an average (it explains {Percent0(explained)} of the differences, n = {d.Posts:N0}); treat its drivers as weak evidence."
                : $"Known features explain about {Percent0(explained)} of the differences in {ReportTarget.NameOf(d)} between posts (checked on posts the model did not see, n = {d.Posts:N0})"
                    + (names.Count > 0 ? $"; the strongest drivers are {string.Join(", ", names)}." : "."));
        }
        if (c.Comparison is { Profiles.Count: >= 2 } comparison)
            sentences.Add(Compare.ComparisonText.Headline(comparison));
        return sentences;
    }

    private static string RangeWords(ReportContent c) => c.From is null && c.To is null ? "over its whole history" : c.RangeText.StartsWith("since", StringComparison.Ordinal) || c.RangeText.StartsWith("until", StringComparison.Ordinal) ? c.RangeText : "from " + c.RangeText.Replace(" – ", " to ", StringComparison.Ordinal);

    private static string Count(int n, string noun) => $"{n.ToString("N0", Inv)} {noun}{(n == 1 ? "" : "s")}";

    private static string Percent0(double fraction) => (fraction * 100).ToString("0", Inv) + "%";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Inv) + text[1..];
}
