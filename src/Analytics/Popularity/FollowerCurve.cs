namespace Insights.Analytics.Popularity;

/// <summary>
/// Followers at any moment from sparse snapshots: linear interpolation between snapshots, the
/// nearest snapshot held before the first and after the last (and flagged as extrapolated).
/// </summary>
public sealed class FollowerCurve
{
    private readonly double[] _days;
    private readonly double[] _followers;

    public FollowerCurve(IEnumerable<(DateOnly Date, long Followers)> snapshots)
    {
        var sorted = snapshots.OrderBy(s => s.Date).ToArray();
        _days = sorted.Select(s => (double)s.Date.DayNumber).ToArray();
        _followers = sorted.Select(s => (double)s.Followers).ToArray();
    }

    public bool IsEmpty => _days.Length == 0;

    /// <summary>Followers at a moment (UTC), or NaN when there are no snapshots.</summary>
    public double At(DateTime utc, out bool extrapolated)
    {
        extrapolated = true;
        if (_days.Length == 0)
            return double.NaN;
        var day = utc.Ticks / (double)TimeSpan.TicksPerDay;
        if (day <= _days[0])
        {
            // Exactly at the first snapshot is a measurement, not a guess.
            extrapolated = day < _days[0];
            return _followers[0];
        }
        if (day >= _days[^1])
        {
            extrapolated = day > _days[^1];
            return _followers[^1];
        }
        extrapolated = false;
        var upper = Array.BinarySearch(_days, day);
        if (upper >= 0)
            return _followers[upper];
        upper = ~upper;
        var lower = upper - 1;
        var fraction = (day - _days[lower]) / (_days[upper] - _days[lower]);
        return _followers[lower] + fraction * (_followers[upper] - _followers[lower]);
    }
}
