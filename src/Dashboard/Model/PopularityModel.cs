using Insights.Analytics.Domain;
using Insights.Analytics.Popularity;
using Insights.Analytics.Statistics;

namespace Insights.Dashboard.Model;

/// <summary>Class counts of one media group.</summary>
public sealed record ClassCount(int Class, string Name, int Count, double Share, double MedianRate);

/// <summary>What the Popularity page draws for one media group.</summary>
public sealed record GroupPopularity(
    MediaGroup Group,
    IReadOnlyList<PostScore> Points,
    int TotalPoints,
    IReadOnlyList<ClassBoundary> Boundaries,
    IReadOnlyList<ClassCount> Counts);

/// <summary>The figures of the Popularity page for one profile, range and class setting.</summary>
public sealed record PopularityModel(
    ClassSettings Settings,
    bool Global,
    IReadOnlyList<GroupPopularity> Groups,
    IReadOnlyList<(double Por, double Er, MediaGroup Group)> PorVsEr,
    double Pearson,
    double Spearman)
{
    /// <summary>
    /// Most points drawn per group; beyond it an even sample is drawn and the page says so. The points are SVG
    /// markers (plotly's WebGL traces compile code at run time, which the Content-Security-Policy forbids), and a
    /// few thousand SVG markers keep the page responsive. 2,000 per group (three charts, 6,000 markers) draw the page's
    /// charts in about 1.2 s warm at 100,000 posts where 5,000 took 2.0 s, and still show the spread of every class.
    /// </summary>
    public const int MaxPointsPerGroup = 2_000;

    public static PopularityModel Build(ProfilePopularity popularity, DashboardFilter filter, bool global)
    {
        var settings = popularity.Settings;
        var inRange = popularity.Posts.Where(p => filter.Contains(p.PublishedUtc) && p.Rate is not null).ToList();
        var groups = new List<GroupPopularity>();
        foreach (var group in new[] { MediaGroup.Images, MediaGroup.Videos })
        {
            var members = inRange.Where(p => p.Group == group).ToList();
            var counts = Enumerable.Range(0, settings.Classes).Select(c =>
            {
                var inClass = members.Where(p => (global ? p.GlobalClass : p.Class) == c).ToList();
                return new ClassCount(c, ClassSettings.ClassName(c, settings.Classes), inClass.Count,
                    members.Count == 0 ? 0 : (double)inClass.Count / members.Count,
                    Descriptive.Median(inClass.Select(p => p.Rate!.Value)));
            }).ToList();
            var boundaries = global ? GlobalBoundaries(popularity, group, settings.Classes, members) : popularity.Boundaries[group]
                .Where(b => filter.Contains(b.AtUtc)).ToList();
            groups.Add(new GroupPopularity(group, Sample(members), members.Count, boundaries, counts));
        }

        var pairs = inRange.Where(p => p.PopularityRate is not null && p.EngagementRate is not null)
            .Select(p => (p.PopularityRate!.Value, p.EngagementRate!.Value, p.Group)).ToList();
        var pearson = Descriptive.Pearson(pairs.Select(p => p.Item1).ToList(), pairs.Select(p => p.Item2).ToList());
        var spearman = Descriptive.Spearman(pairs.Select(p => p.Item1).ToList(), pairs.Select(p => p.Item2).ToList());
        return new PopularityModel(settings, global, groups, Sample(pairs), pearson, spearman);
    }

    // Global boundaries are flat lines at the whole-history quantiles, drawn across the range.
    private static List<ClassBoundary> GlobalBoundaries(ProfilePopularity popularity, MediaGroup group, int classes, List<PostScore> members)
    {
        if (members.Count == 0) return [];
        var all = popularity.Posts.Where(p => p.Group == group && p.Rate is not null).Select(p => p.Rate!.Value).Order().ToList();
        var thresholds = Enumerable.Range(1, classes - 1).Select(c => RollingBoundaries.Quantile(all, (double)c / classes)).ToArray();
        return [new ClassBoundary(members[0].PublishedUtc, thresholds, all.Count), new ClassBoundary(members[^1].PublishedUtc, thresholds, all.Count)];
    }

    private static List<T> Sample<T>(List<T> items)
    {
        if (items.Count <= MaxPointsPerGroup) return items;
        var step = (double)items.Count / MaxPointsPerGroup;
        return Enumerable.Range(0, MaxPointsPerGroup).Select(i => items[(int)(i * step)]).ToList();
    }
}
