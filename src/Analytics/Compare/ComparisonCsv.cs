using System.Globalization;
using System.Text;
using Insights.Analytics.Reports;

namespace Insights.Analytics.Compare;

/// <summary>
/// A comparison as CSV lines (the Compare page's download and a multi-profile report's CSV): code names and
/// invariant numbers, rates as fractions, text neutralised against formula injection.
/// </summary>
public static class ComparisonCsv
{
    /// <summary>A header, then one line per profile.</summary>
    public static IEnumerable<string> Profiles(CompareModel model)
    {
        yield return "profile,platform,start,end,posts,images,carousels,videos,posts_per_week,por_n,por_median,por_low,por_high,er_n,er_median,er_low,er_high,followers_start,followers_end,follower_growth";
        var line = new StringBuilder();
        foreach (var p in model.Profiles)
        {
            line.Clear().AppendJoin(',', Text(p.Name), Text(p.Platform), Day(model.Start), Day(model.End),
                p.Posts, p.Images, p.Carousels, p.Videos, N(p.PostsPerWeek),
                p.Por.N, N(p.Por.Median), N(p.Por.MedianLow), N(p.Por.MedianHigh),
                p.Er.N, N(p.Er.Median), N(p.Er.MedianLow), N(p.Er.MedianHigh),
                N(p.FollowersStart), N(p.FollowersEnd), N(p.FollowerGrowth));
            yield return line.ToString();
        }
    }

    /// <summary>A header, then one line per label value and profile that has it.</summary>
    public static IEnumerable<string> Labels(CompareModel model)
    {
        yield return "category,value,profile,n,lift,lift_low,lift_high,few_posts,opposite";
        var line = new StringBuilder();
        foreach (var row in model.Labels)
        {
            for (var i = 0; i < row.Cells.Count; i++)
            {
                if (row.Cells[i] is not { } cell)
                    continue;
                line.Clear().AppendJoin(',', Text(row.Category), Text(row.Value), Text(model.Profiles[i].Name), cell.N, N(cell.Lift), N(cell.Low), N(cell.High),
                    cell.Sparse ? "true" : "false", row.Opposite ? "true" : "false");
                yield return line.ToString();
            }
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Text(string value)
    {
        var safe = SpreadsheetSafety.Neutralise(value);
        return safe.AsSpan().IndexOfAny(",\"\r\n") < 0 ? safe : "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
