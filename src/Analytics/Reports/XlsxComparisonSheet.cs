using Insights.Analytics.Compare;
using Insights.Analytics.Vocabulary;
using static Insights.Analytics.Reports.XlsxReportWriter;

namespace Insights.Analytics.Reports;

/// <summary>
/// The workbook's Comparison sheet, when a report covers several profiles: the headline, one row per profile with
/// the Compare page's figures as formatted numbers (rates as percentages, with their 95% interval and n), every
/// label shared by two or more profiles with its lift per profile, and each platform's definitions.
/// </summary>
internal static class XlsxComparisonSheet
{
    public static readonly double[] Widths = [30, 28, 26, 10, 10, 10, 10, 12, 14, 12, 12, 10, 14, 12, 12, 10, 14, 14, 14];

    public static void Write(XlsxSheetWriter w, CompareModel model)
    {
        w.Row(Text("Comparison with other profiles", Title));
        w.Row(Text(ComparisonText.Headline(model)));
        w.Row(Text("Range"), Text($"{model.Start:d MMM yyyy} – {model.End:d MMM yyyy}, the same for every profile"));
        w.Row();
        w.Row(Headers("Profile", "Platform", "Images · carousels · videos", "Posts", "Images", "Carousels", "Videos", "Posts per week",
            "Median Popularity Rate", "Low (95%)", "High (95%)", "n", "Median engagement rate", "Low (95%)", "High (95%)", "n",
            "Followers at the start", "Followers at the end", "Follower growth"));
        foreach (var p in model.Profiles)
        {
            w.Row(Text(p.Name), Text(Ingestion.Platforms.PlatformCatalog.Find(p.Platform)?.DisplayName ?? p.Platform), Text(ComparisonText.MediaMix(p)),
                Number(p.Posts, Whole), Number(p.Images, Whole), Number(p.Carousels, Whole), Number(p.Videos, Whole), Number(p.PostsPerWeek, XlsxReportWriter.Decimal),
                Number(p.Por.Median, Percent), Number(p.Por.MedianLow, Percent), Number(p.Por.MedianHigh, Percent), Number(p.Por.N, Whole),
                Number(p.Er.Median, Percent), Number(p.Er.MedianLow, Percent), Number(p.Er.MedianHigh, Percent), Number(p.Er.N, Whole),
                Number(p.FollowersStart, Whole), Number(p.FollowersEnd, Whole), Number(p.FollowerGrowth, Percent));
        }
        w.Row();

        w.Row(Text("The same labels on each profile", Header));
        w.Row(Text("Lift: the median rate of the profile's posts with the label ÷ the median of all its posts (1.20 is 20% better), with its 95% interval and n. "
            + "Rates: " + string.Join("; ", model.Profiles.Select((p, i) => $"{p.Name}: {Terms.Target(model.LabelTargets[i])}")) + "."));
        if (model.Labels.Count == 0)
            w.Row(Text("No label appears on two or more of these profiles in this range."));
        else
        {
            w.Row(Headers("Label", "Value", "Profile", "n", "Lift (×)", "Low (95%)", "High (95%)", "Few posts", "In words"));
            foreach (var row in model.Labels)
            {
                for (var i = 0; i < row.Cells.Count; i++)
                {
                    if (row.Cells[i] is not { } cell)
                        continue;
                    w.Row(Text(Vocabulary.Terms.Name(row.Category)), Text(Vocabulary.Terms.Value(row.Category, row.Value)), Text(model.Profiles[i].Name),
                        Number(cell.N, Whole), Number(cell.Lift, XlsxReportWriter.Decimal), Number(cell.Low, XlsxReportWriter.Decimal), Number(cell.High, XlsxReportWriter.Decimal), Text(cell.Sparse ? "yes" : "no"),
                        Text(Words(cell, row.Opposite)));
                }
            }
        }
        w.Row();

        w.Row(Headers("Platform", "Figure", "How it is computed from the platform's export"));
        foreach (var platform in model.Profiles.Select(p => p.Platform).Distinct())
            foreach (var d in MetricDefinitions.For(platform))
                w.Row(Text(d.Platform), Text(d.Metric), Text(d.Formula));
    }

    private static string Words(LiftCell cell, bool opposite) =>
        (cell.Helps ? "better beyond its interval" : cell.Hurts ? "worse beyond its interval" : "no clear difference")
        + (opposite ? "; opposite on another profile" : "");
}
