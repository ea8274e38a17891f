using System.Globalization;
using Insights.Analytics.Timing;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace Insights.Dashboard.Components.Pages.BestTimes;

public partial class BestTimes
{
    private BestTimesResult? _result;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required BestTimesService Times { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        if (Filter.Profile is null)
            return;
        _result = await Times.GetAsync(Filter.Profile.Id, Filter.From, Filter.To);
    }

    private static string CellClass(TimeCell cell) => cell.N == 0 ? "cell empty" : cell.Sparse ? "cell sparse" : cell.Lift >= 1 ? "cell up" : "cell down";

    // 0 at a lift of 1, 1 at twice (or half) the median: log scale, so better and worse look alike.
    private static string Intensity(TimeCell cell) =>
        cell.N == 0 || !double.IsFinite(cell.Lift) || cell.Lift <= 0 ? "0" : Math.Min(1, Math.Abs(Math.Log2(cell.Lift))).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Tooltip(TimeCell cell) => cell.N == 0
        ? $"{cell.Day} {cell.Hour:00}:00–{(cell.Hour + 1) % 24:00}:00: no posts"
        : $"{cell.Day} {cell.Hour:00}:00–{(cell.Hour + 1) % 24:00}:00: × {cell.Lift:0.00} (95% interval {cell.LiftLow:0.00} – {cell.LiftHigh:0.00}), n = {cell.N}{(cell.Sparse ? ", too few posts to tell" : "")}";
}
