using Insights.Analytics.Popularity;
using Insights.Dashboard.Caching;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Insights.Dashboard.Components.Pages.Overview;

public partial class Overview
{
    private OverviewModel? _model;
    private IList<ITrace> _followerTraces = [];
    private IList<ITrace> _weekTraces = [];
    private readonly Plotly.Blazor.Layout _followerLayout = ChartStyle.Layout("Date", "Followers", 320);
    private readonly Plotly.Blazor.Layout _weekLayout = ChartStyle.Layout("Week", "Posts", 320);
    private int _version;
    private (ProfilePopularity? Scores, (DateOnly?, DateOnly?) Range) _shown;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required PopularityService Popularity { get; init; }

    /// <summary>The page's figures per range, shared while the scores they come from are cached.</summary>
    [Inject] public required DerivedViews<ProfilePopularity, (DateOnly? From, DateOnly? To), OverviewModel> Models { get; init; }

    private string AllTimeLink => Filter.Profile is null ? "/" : "/?profile=" + Uri.EscapeDataString(Filter.Profile.Name);

    protected override async Task OnParametersSetAsync()
    {
        if (Filter.Profile is null)
            return;
        var popularity = await Popularity.GetAsync(Filter.Profile.Id);
        // The layout hands the filter down again as it settles; the same scores (the cached object) and range draw the same charts.
        if (_model is not null && ReferenceEquals(popularity, _shown.Scores) && (Filter.From, Filter.To) == _shown.Range)
            return;
        _shown = (popularity, (Filter.From, Filter.To));
        _model = Models.Get(popularity, (Filter.From, Filter.To), static (scores, range) =>
            OverviewModel.Build(scores, DashboardFilter.Empty with { From = range.From, To = range.To }));
        _followerTraces =
        [
            new Scatter
            {
                Name = "Followers (interpolated)",
                X = _model.FollowerCurve.Select(p => (object)p.Date.ToString("yyyy-MM-dd")).ToList(),
                Y = _model.FollowerCurve.Select(p => (object)Math.Round(p.Followers)).ToList(),
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = ChartStyle.ImageColour, Width = 2 },
            },
            new Scatter
            {
                Name = "Snapshots",
                X = _model.Snapshots.Select(p => (object)p.Date.ToString("yyyy-MM-dd")).ToList(),
                Y = _model.Snapshots.Select(p => (object)p.Followers).ToList(),
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = "#212121", Size = 6 },
            },
        ];
        var weeks = _model.PostsPerWeek.Select(w => (object)w.WeekStart.ToString("yyyy-MM-dd")).ToList();
        _weekTraces =
        [
            WeekBar("Images", weeks, _model.PostsPerWeek.Select(w => w.Images), ChartStyle.ImageColour),
            WeekBar("Carousels", weeks, _model.PostsPerWeek.Select(w => w.Carousels), ChartStyle.CarouselColour),
            WeekBar("Videos", weeks, _model.PostsPerWeek.Select(w => w.Videos), ChartStyle.VideoColour),
        ];
        _weekLayout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Stack;
        _version++;
    }

    private static Bar WeekBar(string name, List<object> weeks, IEnumerable<int> counts, string colour) => new()
    {
        Name = name,
        X = weeks,
        Y = counts.Select(c => (object)c).ToList(),
        Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = colour },
    };
}
