using Insights.Analytics.Vocabulary;
using System.Globalization;
using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;

namespace Insights.Dashboard.Components.Pages.Labels;

public partial class Labels : IDisposable
{
    private LabelsModel? _model;
    private bool _loading = true;
    private IList<ITrace> _boxes = [];
    private Plotly.Blazor.Layout _boxLayout = ChartStyle.Layout("", "", 420);
    private int _version;
    private string _groupText = "all";
    private string? _crossWith;
    private EngagementOptions _options = new();
    private IDisposable? _subscription;
    private bool _labelling;
    private List<string> _sentences = [];
    private List<string> _elsewhere = [];
    private (int, string, DateOnly?, DateOnly?, string?, string, string?) _shown;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required EngagementService Engagement { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required PostLabelSource PostLabels { get; init; }

    [Inject] public required LabelRangeViews Views { get; init; }

    [Inject] public required JobProgressHub Jobs { get; init; }

    /// <summary>The label category shown; default the first (media type).</summary>
    [SupplyParameterFromQuery(Name = "category")] public string? CategoryQuery { get; set; }

    /// <summary>"all" (default), "images" or "videos".</summary>
    [SupplyParameterFromQuery(Name = "group")] public string? GroupQuery { get; set; }

    /// <summary>A second category to cross with; none by default.</summary>
    [SupplyParameterFromQuery(Name = "cross")] public string? CrossQuery { get; set; }

    private string TargetText => _model is null ? "" :
        (_model.Breakdown.Metric == TargetMetric.EngagementRate
            ? "engagement rate, (likes + comments + shares + saves) ÷ impressions"
            : "Popularity Rate, (likes + comments) ÷ followers at publish time")
        + (_model.Breakdown.Detrended ? $", divided by the median of the posts within ±{_options.DetrendWindowWeeks / 2:0.#} weeks (so a growing profile's drift does not count as an effect)" : "");

    protected override void OnInitialized()
    {
        _labelling = Jobs.Active.Any(j => j.Kind == AnnotateJobHandler.JobKind);
        _subscription = Jobs.Subscribe(OnJobChanged);
    }

    public void Dispose() => _subscription?.Dispose();

    private void OnJobChanged(JobSnapshot job)
    {
        // Recomputing every interval is too heavy to repeat while labels arrive: redraw once labelling ends.
        if (job.Kind != AnnotateJobHandler.JobKind || job.IsActive == _labelling)
            return;
        _labelling = job.IsActive;
        _ = InvokeAsync(async () =>
        {
            if (!_labelling)
                await OnParametersSetAsync();
            StateHasChanged();
        });
    }

    protected override async Task OnParametersSetAsync()
    {
        _options = Engagement.Options;
        _groupText = GroupQuery is "images" or "videos" ? GroupQuery : "all";
        _crossWith = string.IsNullOrEmpty(CrossQuery) ? null : CrossQuery;
        if (Filter.Profile is null)
            return;
        _loading = true;
        var profileId = Filter.Profile.Id;
        var stamp = await PostLabels.StampAsync(profileId);
        // The layout hands the filter down again as it settles: the same inputs draw the same page, so skip the redraw.
        var shown = (profileId, stamp, Filter.From, Filter.To, CategoryQuery, _groupText, _crossWith);
        if (_model is not null && shown == _shown)
        {
            _loading = false;
            return;
        }
        _shown = shown;
        MediaGroup? group = _groupText switch { "images" => MediaGroup.Images, "videos" => MediaGroup.Videos, _ => null };
        // Choosing a category, a group or a cross-tab re-renders from the range's view, computed once per stamp and range.
        var view = await Views.GetAsync(Filter, stamp, _options);
        _model = LabelsModel.Build(view, CategoryQuery, group, _crossWith, _options);
        _loading = false;
        if (_model is null)
            return;
        Summarise(_model);
        _boxes = [.. _model.Distributions.Select(d => (ITrace)BoxTrace.Of(Terms.Value(_model.Category.Category, d.Value), d.Values, d.Sparse ? "#9e9e9e" : ChartStyle.ImageColour))];
        _boxLayout = ChartStyle.Layout(Terms.Name(_model.Category.Category), AxisWords(_model.Breakdown.Target) + " (log scale)", 420, logY: true, yFormat: ".1f");
        _boxLayout.Margin!.B = 90;
        _boxLayout.ShowLegend = false;
        _version++;
    }

    private static string AxisWords(string target) => Terms.Target(target);

    // Plain words first: the clear effects of the shown label (strongest first), then the clearest of the others.
    private void Summarise(LabelsModel model)
    {
        var category = model.Category.Category;
        var within = _groupText switch { "images" => " (among images and carousels)", "videos" => " (among videos)", _ => "" };
        _sentences = model.Rows.Where(Findings.IsClear).OrderByDescending(r => Math.Abs(Math.Log(r.Lift)))
            .Select(r => Findings.Sentence(category, r) + within).ToList();
        _elsewhere = Findings.Clearest(model.Breakdown, 3, new HashSet<string> { category })
            .Select(x => Findings.Sentence(x.Category.Category, x.Row)).ToList();
    }

    private static string Format(double value) => double.IsFinite(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private static string LiftColour(LabelValueStats row) =>
        row.Sparse ? "#757575" : row.LiftLow > 1 ? "#2e7d32" : row.LiftHigh < 1 ? "#c62828" : "inherit";

    private static string CellStyle(CrossTable cross, int row, int col)
    {
        var n = cross.N[row][col];
        if (n == 0) return "text-align:center; color:#9e9e9e";
        var lift = cross.Lift[row][col];
        var strength = Math.Clamp(Math.Abs(Math.Log(lift)) / Math.Log(1.5), 0, 1) * (cross.Sparse[row][col] ? 0.3 : 0.8);
        var alpha = strength.ToString("0.00", CultureInfo.InvariantCulture);
        return $"text-align:center; background:{(lift >= 1 ? $"rgba(46,125,50,{alpha})" : $"rgba(198,40,40,{alpha})")}";
    }

    private void Set(string? category = null, string? group = null, string? cross = null) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["category"] = category ?? _model?.Category.Category,
            ["group"] = (group ?? _groupText) == "all" ? null : group ?? _groupText,
            ["cross"] = cross is null ? _crossWith : cross.Length == 0 ? null : cross,
        }));
}
