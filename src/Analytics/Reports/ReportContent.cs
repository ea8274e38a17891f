using Insights.Analytics.Compare;
using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Vocabulary;

namespace Insights.Analytics.Reports;

/// <summary>The file formats a report is written in.</summary>
public enum ReportFormat
{
    Pdf = 0,
    Xlsx = 1,
    Csv = 2,
}

/// <summary>File extension and content type of each format.</summary>
public static class ReportFormats
{
    public static string Extension(this ReportFormat format) => format switch
    {
        ReportFormat.Pdf => ".pdf",
        ReportFormat.Xlsx => ".xlsx",
        _ => ".csv",
    };

    public static string ContentType(this ReportFormat format) => format switch
    {
        ReportFormat.Pdf => "application/pdf",
        ReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "text/csv; charset=utf-8",
    };

    /// <summary>Parses "pdf", "xlsx" or "csv" (any case); false for anything else.</summary>
    public static bool TryParse(string? text, out ReportFormat format)
    {
        format = ReportFormat.Pdf;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "pdf": format = ReportFormat.Pdf; return true;
            case "xlsx": format = ReportFormat.Xlsx; return true;
            case "csv": format = ReportFormat.Csv; return true;
            default: return false;
        }
    }

    /// <summary>"demo-2025-01-01-2025-12-31.pdf": the profile and the range, safe as a file name.</summary>
    public static string FileName(string profile, DateOnly? from, DateOnly? to, ReportFormat format)
    {
        var safe = new string(profile.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return $"{safe}-{from?.ToString("yyyy-MM-dd") ?? "start"}-{to?.ToString("yyyy-MM-dd") ?? "end"}{format.Extension()}";
    }
}

/// <summary>
/// Everything a report shows for one profile and date range, as plain data, so each writer (PDF, XLSX, CSV)
/// only lays it out. Rates are fractions (0.012 = 1.2%).
/// </summary>
/// <param name="Sections">What the reader asked for; sensitive content is hidden everywhere unless it is among them.</param>
/// <param name="Target">The one rate the label tables and the drivers measure; null for a posts-only (CSV) report.</param>
/// <param name="Comparison">The profile beside the others the report was asked to compare it with (it comes first); null for a one-profile report.</param>
public sealed record ReportContent(
    string ProfileName,
    string Platform,
    DateOnly? From,
    DateOnly? To,
    DateTime GeneratedUtc,
    ReportKpis Kpis,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<ReportPost> Posts,
    LabelBreakdown? Labels,
    ReportDrivers? Drivers,
    IReadOnlyList<ReportPost> Best,
    IReadOnlyList<ReportPost> Worst,
    IReadOnlyDictionary<long, byte[]> Thumbnails,
    ReportSections Sections = ReportSections.Default,
    ReportTarget? Target = null,
    CompareModel? Comparison = null)
{
    /// <summary>False for the sensitive-content label unless that section was chosen.</summary>
    public bool Shows(string category) => Sections.HasFlag(ReportSections.SensitiveContent) || category != Terms.SensitiveCategory;

    public string RangeText => (From, To) switch
    {
        (null, null) => "all time",
        ({ } f, null) => $"since {f:d MMM yyyy}",
        (null, { } t) => $"until {t:d MMM yyyy}",
        ({ } f, { } t) => $"{f:d MMM yyyy} – {t:d MMM yyyy}",
    };

    /// <summary>Automatic label categories present on any post, in a stable order (columns of the posts table).</summary>
    public IReadOnlyList<string> AutomaticCategories => Posts.SelectMany(p => p.Automatic?.Categories.Keys ?? []).Distinct().Where(Shows).Order(StringComparer.Ordinal).ToList();

    /// <summary>Automatic numeric labels present on any post.</summary>
    public IReadOnlyList<string> AutomaticNumbers => Posts.SelectMany(p => p.Automatic?.Numbers.Keys ?? []).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Manual label categories present on any post.</summary>
    public IReadOnlyList<string> ManualCategories => Posts.SelectMany(p => p.ManualLabels.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
}

/// <summary>A statistic with the number of posts it is computed from.</summary>
public sealed record ReportStatistic(string Name, double? Value, int N, string Unit);

/// <summary>The cover figures: posts, media mix, median PoR and ER with their n, followers, interactions.</summary>
public sealed record ReportKpis(
    int Posts, int Images, int Videos, int Carousels,
    ReportStatistic MedianPopularityRate,
    ReportStatistic MedianEngagementRate,
    long Interactions,
    double? FollowersAtStart, double? FollowersAtEnd,
    IReadOnlyList<int> PostsPerClass);

/// <summary>One post as the report lists it: metrics (null = missing), rates, class, labels and its cover media.</summary>
public sealed record ReportPost(
    long PostId,
    string PlatformPostId,
    DateTime PublishedUtc,
    MediaType MediaType,
    string? Caption,
    string? Permalink,
    long Likes,
    long Comments,
    long? Shares,
    long? Saves,
    long? Impressions,
    long? Reach,
    long? VideoViews,
    double? DurationSeconds,
    double? Followers,
    bool FollowersExtrapolated,
    double? PopularityRate,
    double? EngagementRate,
    int? Class,
    string? ClassName,
    double? Percentile,
    IReadOnlyDictionary<string, string> ManualLabels,
    AutomaticLabels? Automatic,
    string? CoverStoragePath,
    string? CoverContentType);

/// <summary>What drives engagement: the model's fit and its top features with their partial dependence.</summary>
/// <param name="MeanPrediction">Mean predicted log target over the training posts; exp(PDP - this) is the multiplier against a typical post.</param>
public sealed record ReportDrivers(
    string Target, int Posts, double CrossValidatedR2, double BaselineR2, double MeanPrediction,
    IReadOnlyList<ReportDriver> Top, IReadOnlyList<FeatureImportance> AllImportances);

/// <summary>One driver: its permutation importance and its partial dependence (in units of the target rate, relative: 1 = typical).</summary>
public sealed record ReportDriver(string Feature, LabelSource Source, double Importance, double ImportanceSd, PartialDependenceResult? PartialDependence);
