using Insights.Analytics.Engagement;
using Insights.Analytics.Statistics;

namespace Insights.Analytics.Timing;

/// <summary>One weekday-and-hour cell: n, the median rate with its bootstrap interval, and the lift against all posts.</summary>
/// <param name="Sparse">Fewer posts than the minimum: shown greyed, never listed as a best slot.</param>
public sealed record TimeCell(DayOfWeek Day, int Hour, int N, double Median, double Low, double High, double Lift, double LiftLow, double LiftHigh, bool Sparse);

/// <summary>A slot of several hours on one weekday, ranked by the lower bound of its lift.</summary>
public sealed record TimeSlot(DayOfWeek Day, int FromHour, int ToHour, int N, double Lift, double LiftLow, double LiftHigh);

/// <summary>The rate by weekday and hour in the profile's time zone, and the best slots.</summary>
/// <param name="Cells">7 x 24 cells, Monday first, hour 0 first.</param>
/// <param name="Target">Which rate the medians are of (as the Labels page: PoR or ER, detrended by the rolling median).</param>
public sealed record BestTimesResult(string TimeZone, string Target, int Posts, double ReferenceMedian, IReadOnlyList<TimeCell> Cells, IReadOnlyList<TimeSlot> Best, int MinPosts);

/// <summary>Computes the weekday x hour heatmap and the best slots. Pure; seeded.</summary>
public static class PostingTimes
{
    /// <summary>Hours one slot spans in the best-slot list; a single hour has too few posts to rank.</summary>
    public const int SlotHours = 3;

    public static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static BestTimesResult Compute(IReadOnlyList<EngagementPost> posts, TimeZoneInfo zone, EngagementOptions options, int minPosts, int bestCount = 5)
    {
        var target = EngagementTarget.Compute(posts, options);
        var random = new Random(options.Seed);
        var byCell = new List<double>[7 * 24];
        for (var i = 0; i < byCell.Length; i++) byCell[i] = [];
        var all = new List<double>();
        for (var i = 0; i < posts.Count; i++)
        {
            var value = target.Values[i];
            if (double.IsNaN(value)) continue;
            var local = TimeZoneInfo.ConvertTimeFromUtc(posts[i].PublishedUtc, zone);
            byCell[Index(local.DayOfWeek, local.Hour)].Add(value);
            all.Add(value);
        }
        var reference = Descriptive.Median(all);

        var cells = new List<TimeCell>(7 * 24);
        foreach (var day in Week)
        {
            for (var hour = 0; hour < 24; hour++)
                cells.Add(Cell(day, hour, byCell[Index(day, hour)], reference, options, random, minPosts));
        }

        var slots = new List<TimeSlot>();
        foreach (var day in Week)
        {
            for (var start = 0; start < 24; start += SlotHours)
            {
                var values = Enumerable.Range(start, SlotHours).SelectMany(h => byCell[Index(day, h)]).ToList();
                if (values.Count < minPosts) continue;
                var cell = Cell(day, start, values, reference, options, random, minPosts);
                slots.Add(new TimeSlot(day, start, start + SlotHours, cell.N, cell.Lift, cell.LiftLow, cell.LiftHigh));
            }
        }
        // Ranked by the lower bound, so a slot of 6 lucky posts does not outrank one of 300.
        var best = slots.OrderByDescending(s => s.LiftLow).ThenByDescending(s => s.N).Take(bestCount).ToList();
        return new BestTimesResult(zone.Id, target.Describe(), all.Count, reference, cells, best, minPosts);
    }

    private static TimeCell Cell(DayOfWeek day, int hour, List<double> values, double reference, EngagementOptions options, Random random, int minPosts)
    {
        if (values.Count == 0)
            return new TimeCell(day, hour, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, true);
        var sorted = values.Order().ToArray();
        var median = Quantiles.OfSorted(sorted, 0.5);
        var (low, high) = Bootstrap.MedianInterval(sorted, options.BootstrapResamples, random, options.IntervalLevel);
        return new TimeCell(day, hour, sorted.Length, median, low, high, median / reference, low / reference, high / reference, sorted.Length < minPosts);
    }

    private static int Index(DayOfWeek day, int hour) => ((int)day + 6) % 7 * 24 + hour;
}
