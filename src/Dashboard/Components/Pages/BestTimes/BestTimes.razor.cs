using System.Globalization;
using Insights.Analytics.Timing;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace Insights.Dashboard.Components.Pages.BestTimes;

public partial class BestTimes
{
    private BestTimesResult? _result;
    private (int Profile, DateOnly? From, DateOnly? To)? _shown;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required BestTimesService Times { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        // The filter cascades again on every render of the layout; only a new profile or range asks again.
        if (Filter.Profile is null || _shown == (Filter.Profile.Id, Filter.From, Filter.To))
            return;
        var asked = (Filter.Profile.Id, Filter.From, Filter.To);
        _shown = asked;
        _result = null;
        var result = await Times.GetAsync(asked.Id, asked.From, asked.To);
        // A newer profile or range may have been chosen while this one was worked out.
        if (_shown == asked)
            _result = result;
    }

    private static string CellClass(TimeCell cell) => cell.N == 0 ? "cell empty" : cell.Sparse ? "cell sparse" : cell.Lift >= 1 ? "cell up" : "cell down";

    // 0 at a lift of 1, 1 at twice (or half) the median: log scale, so better and worse look alike.
    private static string Intensity(TimeCell cell) =>
        cell.N == 0 || !double.IsFinite(cell.Lift) || cell.Lift <= 0 ? "0" : Math.Min(1, Math.Abs(Math.Log2(cell.Lift))).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Tooltip(TimeCell cell) => cell.N == 0
        ? $"{cell.Day} {cell.Hour:00}:00–{(cell.Hour + 1) % 24:00}:00: no posts"
        : $"{cell.Day} {cell.Hour:00}:00–{(cell.Hour + 1) % 24:00}:00: × {cell.Lift:0.00} (95% interval {cell.LiftLow:0.00} – {cell.LiftHigh:0.00}), n = {cell.N}{(cell.Sparse ? ", too few posts to tell" : "")}";
}
