using Insights.Analytics.Domain;
using Insights.Analytics.Popularity;
using Insights.Dashboard.Caching;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Insights.Dashboard.Components.Pages.Popularity;

public partial class Popularity
{
    private PopularityModel? _model;
    private readonly Dictionary<MediaGroup, IList<ITrace>> _traces = [];
    private readonly Dictionary<MediaGroup, Plotly.Blazor.Layout> _layouts = [];
    private IList<ITrace> _porVsErTraces = [];
    private Plotly.Blazor.Layout _porVsErLayout = ChartStyle.Layout("Popularity Rate (log)", "Engagement rate (log)", 380);
    private int _version;
    private EngagementBase _base;
    private int _classes;
    private double _weeks;
    private int _minPosts;
    private bool _global;
    private (ProfilePopularity? Scores, (DateOnly?, DateOnly?, bool) View) _shown;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required PopularityService Scores { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>The page's figures per range and view, shared while the scores they come from are cached.</summary>
    [Inject] public required DerivedViews<ProfilePopularity, (DateOnly? From, DateOnly? To, bool Global), PopularityModel> Models { get; init; }

    /// <summary>Rate base from the URL: followers (default), reach or impressions.</summary>
    [SupplyParameterFromQuery(Name = "base")] public string? BaseQuery { get; set; }

    // Read as text and parsed here: a typed query parameter that does not parse (a hand-edited link, ?k=abc) fails the whole page.

    /// <summary>Number of classes from the URL; default from settings.</summary>
    [SupplyParameterFromQuery(Name = "k")] public string? ClassesQuery { get; set; }

    /// <summary>Window width in weeks from the URL; default from settings.</summary>
    [SupplyParameterFromQuery(Name = "weeks")] public string? WeeksQuery { get; set; }

    /// <summary>Minimum posts per window from the URL; default from settings.</summary>
    [SupplyParameterFromQuery(Name = "min")] public string? MinQuery { get; set; }

    /// <summary>"global" to show whole-history classes.</summary>
    [SupplyParameterFromQuery(Name = "view")] public string? ViewQuery { get; set; }

    private string RateName => _base == EngagementBase.Followers ? "PoR" : $"rate per {BaseText}";

    private string BaseText => _base switch
    {
        EngagementBase.Reach => "reach",
        EngagementBase.Impressions => "impressions",
        _ => "followers at publish time",
    };

    private string PorVsErCaption => _model is null || _model.PorVsEr.Count == 0 ? "" :
        $"Each dot is a post with both rates (n = {_model.PorVsEr.Count:N0}). PoR = (likes + comments) ÷ followers at publish time; ER = (likes + comments + shares + saves) ÷ impressions. " +
        $"Correlation: Spearman ρ = {_model.Spearman:0.00}, Pearson r = {_model.Pearson:0.00}.";

    protected override async Task OnParametersSetAsync()
    {
        var defaults = Scores.DefaultSettings;
        _base = Enum.TryParse<EngagementBase>(BaseQuery, ignoreCase: true, out var b) ? b : EngagementBase.Followers;
        _classes = Math.Clamp(ParseInt(ClassesQuery) ?? defaults.Classes, 2, 5);
        _weeks = Math.Clamp(ParseDouble(WeeksQuery) ?? defaults.WindowWeeks, 1, 520);
        _minPosts = Math.Clamp(ParseInt(MinQuery) ?? defaults.MinPostsPerWindow, 2, 10_000);
        _global = string.Equals(ViewQuery, "global", StringComparison.OrdinalIgnoreCase);
        if (Filter.Profile is null)
            return;

        var settings = new ClassSettings(_classes, _weeks, _minPosts, _base);
        var popularity = await Scores.GetAsync(Filter.Profile.Id, settings);
        // The layout hands the filter down again as it settles; the same scores (the cached object), range and view draw the same charts.
        if (_model is not null && ReferenceEquals(popularity, _shown.Scores) && (Filter.From, Filter.To, _global) == _shown.View)
            return;
        _shown = (popularity, (Filter.From, Filter.To, _global));
        _model = Models.Get(popularity, (Filter.From, Filter.To, _global), static (scores, view) =>
            PopularityModel.Build(scores, DashboardFilter.Empty with { From = view.From, To = view.To }, view.Global));
        foreach (var group in _model.Groups)
        {
            _traces[group.Group] = GroupTraces(group, settings.Classes);
            _layouts[group.Group] = ChartStyle.Layout("Publish date", RateName + " (log scale)", 420, logY: true, yFormat: ".1%");
        }
        _porVsErTraces = PorVsErTraces(_model);
        _porVsErLayout = ChartStyle.Layout("Popularity Rate (log scale)", "Engagement rate (log scale)", 380, logY: true, yFormat: ".1%");
        _porVsErLayout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log;
        _porVsErLayout.XAxis[0].TickFormat = ".1%";
        _porVsErLayout.XAxis[0].DTick = "D2";
        _version++;
    }

    private string Caption(GroupPopularity group)
    {
        var shown = group.Points.Count < group.TotalPoints ? $" Showing an even sample of {group.Points.Count:N0} of {group.TotalPoints:N0} posts." : "";
        return $"Each dot is a post (n = {group.TotalPoints:N0}), coloured by its {(_global ? "global" : "rolling-window")} class. " +
               $"Dashed lines: the rates that separate the classes{(_global ? " over the whole history" : " in the window around each date")}.{shown}";
    }

    private IList<ITrace> GroupTraces(GroupPopularity group, int classes)
    {
        var traces = new List<ITrace>();
        for (var c = 0; c < classes; c++)
        {
            var members = group.Points.Where(p => (_global ? p.GlobalClass : p.Class) == c).ToList();
            traces.Add(new Scatter
            {
                Name = ClassSettings.ClassName(c, classes),
                X = members.Select(p => (object)p.PublishedUtc.ToString("yyyy-MM-dd HH:mm")).ToList(),
                Y = members.Select(p => (object)p.Rate!.Value).ToList(),
                TextArray = members.Select(p => $"{p.PlatformPostId} · {p.MediaType.ToString().ToLowerInvariant()} · {p.Likes:N0} likes, {p.Comments:N0} comments").ToList(),
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = ChartStyle.ClassColour(c, classes), Size = 6, Opacity = 0.8m },
                HoverTemplate = "%{text}<br>%{x}<br>" + RateName + " %{y:.2%}<extra></extra>",
            });
        }
        // All boundaries in one trace, separated by gaps (null), so they share one legend entry.
        var x = new List<object?>();
        var y = new List<object?>();
        for (var t = 0; t < classes - 1; t++)
        {
            foreach (var boundary in group.Boundaries)
            {
                x.Add(boundary.AtUtc.ToString("yyyy-MM-dd"));
                y.Add(boundary.Thresholds[t]);
            }
            x.Add(null);
            y.Add(null);
        }
        traces.Add(new Scatter
        {
            Name = "class boundaries",
            X = x!,
            Y = y!,
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = "#424242", Dash = "dash", Width = 1.5m },
            ConnectGaps = false,
            HoverTemplate = "%{x}<br>boundary %{y:.2%}<extra></extra>",
        });
        return traces;
    }

    private static IList<ITrace> PorVsErTraces(PopularityModel model) =>
        [.. new[] { MediaGroup.Images, MediaGroup.Videos }.Select(group =>
        {
            var points = model.PorVsEr.Where(p => p.Group == group).ToList();
            return (ITrace)new Scatter
            {
                Name = GroupName(group),
                X = points.Select(p => (object)p.Por).ToList(),
                Y = points.Select(p => (object)p.Er).ToList(),
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = group == MediaGroup.Images ? ChartStyle.ImageColour : ChartStyle.VideoColour, Size = 5, Opacity = 0.6m },
                HoverTemplate = "PoR %{x:.2%}<br>ER %{y:.2%}<extra></extra>",
            };
        })];

    private static int? ParseInt(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static string GroupName(MediaGroup group) => group == MediaGroup.Images ? "Images and carousels" : "Videos";

    private void Set(EngagementBase? b = null, int? k = null, double? weeks = null, int? min = null, bool? global = null) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["base"] = (b ?? _base) == EngagementBase.Followers ? null : (b ?? _base).ToString().ToLowerInvariant(),
            ["k"] = k ?? _classes,
            ["weeks"] = weeks ?? _weeks,
            ["min"] = min ?? _minPosts,
            ["view"] = (global ?? _global) ? "global" : null,
        }));
}
