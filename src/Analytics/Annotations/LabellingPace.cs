namespace Insights.Analytics.Annotations;

/// <summary>
/// How long the rest of a profile's labelling will take, from the times its most recent files were labelled: the
/// median gap between them (so one pause, such as a model trained between two batches, does not swing it) times the
/// files left. No estimate until a few files give a rate.
/// </summary>
public static class LabellingPace
{
    /// <summary>Labelled files needed before an estimate is given.</summary>
    public const int MinimumFiles = 5;

    /// <summary>The median seconds per file over <paramref name="recent"/> (labelling times, any order), or null with fewer than <see cref="MinimumFiles"/>.</summary>
    public static double? SecondsPerFile(IReadOnlyList<DateTime> recent)
    {
        if (recent.Count < MinimumFiles)
            return null;
        var sorted = recent.Order().ToList();
        var gaps = sorted.Zip(sorted.Skip(1), (a, b) => (b - a).TotalSeconds).Order().ToList();
        var middle = gaps.Count / 2;
        var median = gaps.Count % 2 == 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2;
        // Saves within one clock tick: a rate is there, but not measurable yet.
        return median > 0 ? median : null;
    }

    /// <summary>The time left for <paramref name="remaining"/> files at the recent pace, or null while there is no pace.</summary>
    public static TimeSpan? TimeLeft(IReadOnlyList<DateTime> recent, int remaining) =>
        remaining <= 0 ? TimeSpan.Zero : SecondsPerFile(recent) is { } perFile ? TimeSpan.FromSeconds(perFile * remaining) : null;

    /// <summary>"45 s", "13 min", "1 h 5 min", "3 days 2 h": whole units, never a five-digit count of seconds.</summary>
    public static string Words(TimeSpan span) => span.TotalSeconds switch
    {
        < 60 => $"{Math.Max(1, Math.Ceiling(span.TotalSeconds)):0} s",
        < 3600 => $"{Math.Ceiling(span.TotalMinutes):0} min",
        < 48 * 3600 => $"{(int)span.TotalHours} h {span.Minutes} min",
        _ => $"{(int)span.TotalDays} days {span.Hours} h",
    };
}
