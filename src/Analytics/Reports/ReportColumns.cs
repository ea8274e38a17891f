using System.Globalization;
using Insights.Analytics.Engagement;

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

/// <summary>The posts table shared by the CSV and the workbook: one column list, so both carry the same data.</summary>
public static class ReportColumns
{
    public static IReadOnlyList<(string Header, Func<ReportPost, ReportCell> Value)> Posts(ReportContent content)
    {
        var columns = new List<(string, Func<ReportPost, ReportCell>)>
        {
            ("post_id", p => ReportCell.Of(p.PlatformPostId)),
            ("published_utc", p => ReportCell.Of(p.PublishedUtc)),
            ("media_type", p => ReportCell.Of(p.MediaType.ToString().ToLowerInvariant())),
            ("likes", p => ReportCell.Of(p.Likes)),
            ("comments", p => ReportCell.Of(p.Comments)),
            ("shares", p => ReportCell.Of(p.Shares)),
            ("saves", p => ReportCell.Of(p.Saves)),
            ("impressions", p => ReportCell.Of(p.Impressions)),
            ("reach", p => ReportCell.Of(p.Reach)),
            ("video_views", p => ReportCell.Of(p.VideoViews)),
            ("duration_seconds", p => ReportCell.Of(p.DurationSeconds)),
            ("followers_at_publish", p => ReportCell.Of(p.Followers is { } f ? Math.Round(f, 1) : null)),
            ("followers_extrapolated", p => ReportCell.Of(p.FollowersExtrapolated ? "yes" : "no")),
            ("popularity_rate", p => ReportCell.Of(p.PopularityRate, isRate: true)),
            ("engagement_rate", p => ReportCell.Of(p.EngagementRate, isRate: true)),
            ("class", p => ReportCell.Of(p.ClassName)),
            ("percentile_in_window", p => ReportCell.Of(p.Percentile)),
        };
        foreach (var category in content.ManualCategories)
            columns.Add(($"label:{category}", p => ReportCell.Of(p.ManualLabels.GetValueOrDefault(category))));
        foreach (var category in content.AutomaticCategories)
            columns.Add(($"auto:{category}", p => ReportCell.Of(p.Automatic?.Categories.GetValueOrDefault(category))));
        foreach (var name in content.AutomaticNumbers)
            columns.Add(($"auto:{name}", p => ReportCell.Of(p.Automatic?.Numbers.TryGetValue(name, out var v) == true ? v : null)));
        columns.Add(("caption", p => ReportCell.Of(p.Caption)));
        columns.Add(("permalink", p => ReportCell.Of(p.Permalink)));
        return columns;
    }

    public static string SourceText(LabelSource source) => source.ToString().ToLowerInvariant();

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
