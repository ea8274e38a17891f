namespace Insights.Inference.Quantisation;

/// <summary>
/// Counts of one activation tensor's values over the calibration images in fixed bins across its
/// min/max range, for percentile calibration: the range that keeps all but the rarest values.
/// </summary>
internal sealed class ActivationHistogram(ActivationRange range)
{
    private const int Bins = 2048;

    private readonly long[] _counts = new long[Bins];
    private long _total;

    public void Add(ReadOnlySpan<float> values)
    {
        var width = range.Max - range.Min;
        if (width <= 0)
            return;
        var perBin = Bins / width;
        foreach (var v in values)
            _counts[Math.Clamp((int)((v - range.Min) * perBin), 0, Bins - 1)]++;
        _total += values.Length;
    }

    /// <summary>
    /// The range whose ends leave out at most (1 - <paramref name="percentile"/>/100) of the values on each
    /// side; an end is never moved past 0, so 0 (padding, ReLU) stays exact.
    /// </summary>
    public ActivationRange Clipped(double percentile)
    {
        if (_total == 0)
            return range;
        var outside = (long)(_total * (1 - percentile / 100));
        var width = (range.Max - range.Min) / Bins;
        int low = 0, high = Bins - 1;
        for (long below = _counts[0]; low < Bins - 1 && below <= outside; below += _counts[++low])
        {
        }

        for (long above = _counts[Bins - 1]; high > 0 && above <= outside; above += _counts[--high])
        {
        }

        var min = Math.Min(range.Min + low * width, 0f);
        var max = Math.Max(range.Min + (high + 1) * width, 0f);
        return new ActivationRange(Math.Max(min, range.Min), Math.Min(max, range.Max));
    }
}
