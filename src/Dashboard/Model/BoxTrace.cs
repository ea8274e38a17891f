using Plotly.Blazor.Traces;

namespace Insights.Dashboard.Model;

/// <summary>
/// A box plot trace whose quartiles and whiskers are computed here: sending every value to the browser made the Labels page
/// ship and sort 100,000 numbers per box at scale. Quartiles are linearly interpolated; whiskers reach the furthest value
/// within 1.5 times the interquartile range, as plotly draws them from raw values.
/// </summary>
public static class BoxTrace
{
    public static Box Of(string name, IReadOnlyList<double> values, string colour)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        var box = new Box
        {
            Name = name,
            X = [name],
            Marker = new Plotly.Blazor.Traces.BoxLib.Marker { Color = colour },
            BoxPoints = Plotly.Blazor.Traces.BoxLib.BoxPointsEnum.False,
        };
        if (sorted.Length == 0)
            return box;
        var q1 = Quantile(sorted, 0.25);
        var q3 = Quantile(sorted, 0.75);
        var reach = 1.5 * (q3 - q1);
        box.Q1 = [q1];
        box.Median = [Quantile(sorted, 0.5)];
        box.Q3 = [q3];
        box.LowerFence = [sorted.First(v => v >= q1 - reach)];
        box.UpperFence = [sorted.Last(v => v <= q3 + reach)];
        return box;
    }

    /// <summary>The p-quantile of sorted values, interpolating linearly between the two nearest ranks.</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
