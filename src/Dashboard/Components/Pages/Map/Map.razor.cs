using System.Text.Json;
using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;
using Plotly.Blazor.Interop;
using Plotly.Blazor.Traces;

namespace Insights.Dashboard.Components.Pages.Map;

/// <summary>The content map: posts laid out by t-SNE of their embeddings (computed by the drivers job), with preview, open and lasso.</summary>
public partial class Map : IAsyncDisposable
{
    private ElementReference _container;
    private IJSObjectReference? _module;
    private DotNetObjectReference<Map>? _self;
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private PlotlyChart? _chart;
    private ContentMapModel? _model;
    private JobSnapshot? _job;
    private bool _loading = true;
    private string _colour = "class";
    private IList<ITrace> _traces = [];
    private Plotly.Blazor.Layout _layout = ChartStyle.Layout("", "");
    private List<List<MapPost>> _tracePosts = [];
    private MapPost? _hovered;
    private MapSelection? _selection;
    private int _version;
    private int _subscribed = -1;
    private IDisposable? _subscription;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required DriversStore Store { get; init; }

    [Inject] public required DriversScheduler Scheduler { get; init; }

    [Inject] public required PopularityService Scores { get; init; }

    [Inject] public required PostCatalog Catalog { get; init; }

    [Inject] public required JobProgressHub Hub { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>"class" (default) or "rate".</summary>
    [SupplyParameterFromQuery(Name = "color")] public string? ColourQuery { get; set; }

    protected override void OnInitialized() => _subscription = Hub.Subscribe(OnJob);

    protected override async Task OnParametersSetAsync()
    {
        _colour = ColourQuery == "rate" ? "rate" : "class";
        if (Filter.Profile is null)
            return;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var profileId = Filter.Profile!.Id;
        var latest = await Scheduler.LatestJobAsync(profileId);
        _job = latest is null ? null : Hub.Get(latest.Id) ?? JobSnapshot.From(latest);
        var map = Store.GetMap(profileId);
        _loading = false;
        if (map is null)
        {
            _model = null;
            return;
        }
        var scores = await Scores.GetAsync(profileId);
        var details = await Catalog.DetailsAsync(profileId);
        _model = ContentMapModel.Build(map, scores, details);
        _selection = null;
        Draw();
    }

    private void Draw()
    {
        var model = _model!;
        _tracePosts = _colour == "rate"
            ? [model.Posts.Where(p => p.Rate is > 0).ToList(), model.Posts.Where(p => p.Rate is not > 0).ToList()]
            : [.. Enumerable.Range(0, model.Classes).Select(c => model.Posts.Where(p => p.Class == c).ToList()), model.Posts.Where(p => p.Class is null).ToList()];
        _traces = [];
        for (var t = 0; t < _tracePosts.Count; t++)
        {
            var posts = _tracePosts[t];
            var last = t == _tracePosts.Count - 1;
            var marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Size = 7, Opacity = 0.85m };
            string name;
            if (_colour == "rate" && !last)
            {
                name = model.RateName;
                marker.Color = posts.Select(p => (object)Math.Log10(p.Rate!.Value)).ToList();
                marker.ColorScale = "Viridis";
                marker.ShowScale = true;
                marker.ColorBar = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.ColorBar { Title = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.ColorBarLib.Title { Text = "log10 " + model.RateName } };
            }
            else if (last)
            {
                name = _colour == "rate" ? $"no {model.RateName}" : "no class";
                marker.Color = "#bdbdbd";
            }
            else
            {
                name = ClassSettings.ClassName(t, model.Classes);
                marker.Color = ChartStyle.ClassColour(t, model.Classes);
            }
            _traces.Add(new Scatter
            {
                Name = name,
                X = posts.Select(p => (object)p.X).ToList(),
                Y = posts.Select(p => (object)p.Y).ToList(),
                TextArray = posts.Select(p => $"{p.PlatformPostId} · {p.MediaType} · {model.RateName} {ChartStyle.Percent(p.Rate)}").ToList(),
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                Marker = marker,
                HoverTemplate = "%{text}<extra></extra>",
            });
        }
        _layout = ChartStyle.Layout("", "", 620);
        _layout.XAxis![0].ShowTickLabels = false;
        _layout.XAxis[0].ZeroLine = false;
        _layout.YAxis![0].ShowTickLabels = false;
        _layout.YAxis[0].ZeroLine = false;
        _layout.DragMode = Plotly.Blazor.LayoutLib.DragModeEnum.Lasso;
        _version++;
    }

    private void Subscribe() => _ = InvokeAsync(SubscribeAsync);

    private async Task SubscribeAsync()
    {
        // Each redraw (@key) makes a new chart whose events need subscribing once.
        if (_chart is null || _subscribed == _version)
            return;
        _subscribed = _version;
        await _chart.SubscribeClickEvent();
        await _chart.SubscribeHoverEvent();
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/content-map.js");
        _self ??= DotNetObjectReference.Create(this);
        await _module.InvokeAsync<bool>("subscribeSelected", _container, _self);
    }

    /// <summary>Called by content-map.js with the [curve, point] pairs of a lasso or box selection.</summary>
    [JSInvokable]
    public Task OnLassoSelected(int[][] points)
    {
        var selected = points.Where(p => p.Length == 2 && p[0] < _tracePosts.Count && p[1] < _tracePosts[p[0]].Count)
            .Select(p => _tracePosts[p[0]][p[1]]).Distinct().ToList();
        _selection = selected.Count == 0 ? null : _model?.Select(selected);
        return InvokeAsync(StateHasChanged);
    }

    private MapPost? PostOf(EventDataPoint point)
    {
        var curve = Index(point.CurveNumber);
        var index = Index(point.PointIndex) ?? Index(point.PointNumber);
        return curve is { } c && index is { } i && c < _tracePosts.Count && i < _tracePosts[c].Count ? _tracePosts[c][i] : null;
    }

    private static int? Index(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetInt32(),
        int i => i,
        long l => (int)l,
        double d => (int)d,
        _ => null,
    };

    private void OnHover(IEnumerable<EventDataPoint> points)
    {
        if (points.Select(PostOf).FirstOrDefault(p => p is not null) is { } post && post != _hovered)
        {
            _hovered = post;
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private void OnClick(IEnumerable<EventDataPoint> points)
    {
        if (points.Select(PostOf).FirstOrDefault(p => p is not null) is { } post)
            Navigation.NavigateTo($"/posts{Filter.QueryString}{(Filter.QueryString.Length == 0 ? "?" : "&")}post={Uri.EscapeDataString(post.PlatformPostId)}");
    }

    private void SetColour(string colour) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("color", colour == "rate" ? "rate" : null));

    private void OnJob(JobSnapshot job)
    {
        if (job.Kind != DriversJobHandler.JobKind || job.ProfileId != Filter.Profile?.Id)
            return;
        _ = InvokeAsync(async () =>
        {
            _job = job;
            if (!job.IsActive)
                await LoadAsync();
            StateHasChanged();
        });
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        _self?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }
    }
}
