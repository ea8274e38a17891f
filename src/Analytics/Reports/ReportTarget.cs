using System.Globalization;
using Insights.Analytics.Engagement;

namespace Insights.Analytics.Reports;

/// <summary>
/// The one rate a report measures engagement by, for the label tables and the drivers alike, with the reason it
/// was chosen in words a reader can check.
/// </summary>
public sealed record ReportTarget(TargetMetric Metric, bool Detrended, string Reason)
{
    /// <summary>"engagement rate" or "Popularity Rate".</summary>
    public string Name => Metric == TargetMetric.EngagementRate ? "engagement rate" : "Popularity Rate";

    /// <summary>
    /// The rate <see cref="EngagementTarget.Choose"/> picks over the profile's whole history (what the drivers model
    /// trains on), so the label tables of a shorter range measure the same thing.
    /// </summary>
    public static ReportTarget Choose(IReadOnlyList<EngagementPost> history, EngagementOptions options)
    {
        var metric = EngagementTarget.Choose(history, options);
        var withImpressions = history.Count(p => p.EngagementRate > 0);
        var share = history.Count > 0 ? withImpressions / (double)history.Count : 0;
        var shareText = (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
        var needed = (options.MinEngagementRateShare * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
        var reason = options.Target switch
        {
            TargetChoice.EngagementRate => "it is the rate set for this installation (Engagement:Target)",
            TargetChoice.PopularityRate => "it is the rate set for this installation (Engagement:Target)",
            _ when metric == TargetMetric.EngagementRate =>
                $"{shareText} of the profile's {history.Count:N0} posts have impressions (at least {needed} are needed), and it counts reactions per person reached",
            _ => $"only {shareText} of the profile's {history.Count:N0} posts have impressions (the engagement rate needs them on at least {needed}), while every post has its followers",
        };
        return new ReportTarget(metric, options.Detrend, reason);
    }

    /// <summary>The rate a drivers section measures, in words.</summary>
    public static string NameOf(ReportDrivers drivers) => drivers.Target.StartsWith("ER", StringComparison.Ordinal) ? "engagement rate" : "Popularity Rate";

    /// <summary>The options with this target fixed, for computations that must not choose again on fewer posts.</summary>
    public EngagementOptions Fix(EngagementOptions options)
    {
        var fixedTarget = options.Clone();
        fixedTarget.Target = Metric == TargetMetric.EngagementRate ? TargetChoice.EngagementRate : TargetChoice.PopularityRate;
        return fixedTarget;
    }
}
