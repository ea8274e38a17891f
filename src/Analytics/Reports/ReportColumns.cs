using Insights.Analytics.Engagement;
using Insights.Analytics.Vocabulary;

namespace Insights.Analytics.Reports;

/// <summary>A cell of the posts table: text (from user data, neutralised on write), a number, a time, or empty.</summary>
public readonly record struct ReportCell(string? Text, double? Number, DateTime? Time, bool IsRate = false)
{
    public static ReportCell Of(string? text) => new(text, null, null);

    public static ReportCell Of(double? number, bool isRate = false) => number is { } n && double.IsFinite(n) ? new(null, n, null, isRate) : default;

    public static ReportCell Of(long? number) => number is { } n ? new(null, n, null) : default;

    public static ReportCell Of(DateTime time) => new(null, null, time);

    public bool IsEmpty => Text is null && Number is null && Time is null;
}

/// <summary>
/// The posts table shared by the CSV and the workbook: one column list, so both carry the same data. The CSV
/// keeps the code names (for scripts); the workbook shows the display headers of the vocabulary.
/// </summary>
public static class ReportColumns
{
    public static IReadOnlyList<ReportColumn> Posts(ReportContent content)
    {
        var columns = new List<ReportColumn>
        {
            new("post_id", "Post ID", ReportColumnKind.Text, p => ReportCell.Of(p.PlatformPostId)),
            new("published_utc", "Published (UTC)", ReportColumnKind.Time, p => ReportCell.Of(p.PublishedUtc)),
            new("media_type", Terms.Name("media_type"), ReportColumnKind.Label, p => ReportCell.Of(p.MediaType.ToString().ToLowerInvariant()), "media_type"),
            new("likes", "Likes", ReportColumnKind.Count, p => ReportCell.Of(p.Likes)),
            new("comments", "Comments", ReportColumnKind.Count, p => ReportCell.Of(p.Comments)),
            new("shares", "Shares", ReportColumnKind.Count, p => ReportCell.Of(p.Shares)),
            new("saves", "Saves", ReportColumnKind.Count, p => ReportCell.Of(p.Saves)),
            new("impressions", "Impressions", ReportColumnKind.Count, p => ReportCell.Of(p.Impressions)),
            new("reach", "Reach", ReportColumnKind.Count, p => ReportCell.Of(p.Reach)),
            new("video_views", "Video views", ReportColumnKind.Count, p => ReportCell.Of(p.VideoViews)),
            new("duration_seconds", Terms.Of("duration_seconds").NameWithUnit, ReportColumnKind.Decimal, p => ReportCell.Of(p.DurationSeconds)),
            new("followers_at_publish", "Followers at publish time", ReportColumnKind.Count, p => ReportCell.Of(p.Followers is { } f ? Math.Round(f, 1) : null)),
            new("followers_extrapolated", "Followers estimated past the snapshots", ReportColumnKind.Text, p => ReportCell.Of(p.FollowersExtrapolated ? "yes" : "no")),
            new("popularity_rate", "Popularity Rate (% of followers)", ReportColumnKind.Rate, p => ReportCell.Of(p.PopularityRate, isRate: true)),
            new("engagement_rate", "Engagement rate (% of impressions)", ReportColumnKind.Rate, p => ReportCell.Of(p.EngagementRate, isRate: true)),
            new("class", "Popularity class", ReportColumnKind.Text, p => ReportCell.Of(p.ClassName)),
            new("percentile_in_window", "Better than (% of its weeks' posts)", ReportColumnKind.Share, p => ReportCell.Of(p.Percentile)),
        };
        foreach (var category in content.ManualCategories)
            columns.Add(new($"label:{category}", Terms.Name(category, LabelSource.Manual), ReportColumnKind.Text, p => ReportCell.Of(p.ManualLabels.GetValueOrDefault(category))));
        foreach (var category in content.AutomaticCategories)
            columns.Add(new($"auto:{category}", Terms.Name(category), ReportColumnKind.Label, p => ReportCell.Of(p.Automatic?.Categories.GetValueOrDefault(category)), category));
        foreach (var name in content.AutomaticNumbers)
            columns.Add(new($"auto:{name}", Terms.Of(name).NameWithUnit, ReportColumnKind.Decimal, p => ReportCell.Of(p.Automatic?.Numbers.TryGetValue(name, out var v) == true ? v : null)));
        columns.Add(new("caption", "Caption", ReportColumnKind.LongText, p => ReportCell.Of(p.Caption)));
        columns.Add(new("permalink", "Link", ReportColumnKind.LongText, p => ReportCell.Of(p.Permalink)));
        return columns;
    }
}
