using System.Globalization;
using Insights.Analytics.Vocabulary;
using Insights.Analytics.Engagement;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Insights.Dashboard.Components.Pages.Drivers;

/// <summary>The drivers page: reads the stored figures (no prediction on open) and follows the training job live; the freshness service queues it.</summary>
public partial class Drivers
{
    private const string IceColour = "rgba(57,73,171,0.18)";

    private DriversFigures? _figures;
    private DriversState _state;
    private JobSnapshot? _job;
    private bool _loading = true;
    private IReadOnlyList<FeatureFigure> _ordered = [];
    private string? _feature;
    private string? _pairA;
    private string? _pairB;
    private bool _pairLoading;
    private IList<ITrace> _pdp = [];
    private Plotly.Blazor.Layout _pdpLayout = ChartStyle.Layout("", "");
    private IList<ITrace> _pair = [];
    private Plotly.Blazor.Layout _pairLayout = ChartStyle.Layout("", "");
    private int _version;
    private int _pairVersion;
    private IDisposable? _subscription;
    private string? _shownKey;
    private string? _shownPairKey;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required DriversStore Store { get; init; }

    [Inject] public required DriversScheduler Scheduler { get; init; }

    [Inject] public required JobProgressHub Hub { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required Microsoft.Extensions.Options.IOptions<DriversOptions> Options { get; init; }

    /// <summary>The feature of the partial dependence chart; default the most important.</summary>
    [SupplyParameterFromQuery(Name = "feature")] public string? FeatureQuery { get; set; }

    /// <summary>Rows of the two-feature heatmap; default the most important feature.</summary>
    [SupplyParameterFromQuery(Name = "a")] public string? PairAQuery { get; set; }

    /// <summary>Columns of the two-feature heatmap; default the second most important.</summary>
    [SupplyParameterFromQuery(Name = "b")] public string? PairBQuery { get; set; }

    private int ImportanceRepeats => _figures?.Metrics.Importances.FirstOrDefault()?.Drops.Length ?? 0;

    private string PdpCaption => _feature is null || _figures?.Feature(_feature) is not { } f ? "" :
        $"Bold: the predicted {DriversView.TargetWords(_figures.Metrics)} with {Terms.Name(_feature)} set to each value on every post, as a multiple of the average prediction (1.00 = no change; ×1.25 = 25% higher). " +
        $"Thin lines: {f.Pdp.Ice.Length} sampled posts (ICE, each shifted to the bold line's level), so diverging lines mean posts respond differently. " +
        (f.Pdp.Kind == FeatureKind.Numeric ? "Grid: quantiles of the feature. " : "One point per value. ") +
        $"Grey bars (right axis): how many posts have each value (n = {f.Pdp.Histogram.Counts.Sum():N0}{(f.Pdp.Histogram.Missing > 0 ? $", {f.Pdp.Histogram.Missing:N0} without a value" : "")}); where they are few, the curve is guesswork.";

    protected override void OnInitialized() => _subscription = Hub.Subscribe(OnJob);

    protected override async Task OnParametersSetAsync()
    {
        if (Filter.Profile is null)
            return;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var profileId = Filter.Profile!.Id;
        _figures = Store.GetFigures(profileId);
        _state = await Scheduler.StateAsync(profileId);
        var latest = await Scheduler.LatestJobAsync(profileId);
        _job = latest is null ? null : Hub.Get(latest.Id) ?? JobSnapshot.From(latest);
        _loading = false;
        if (_figures is null)
            return;

        _ordered = [.. _figures.Metrics.Importances.Select(i => _figures.Feature(i.Feature)).OfType<FeatureFigure>()
            .Concat(_figures.Features.Where(f => _figures.Metrics.Importances.All(i => i.Feature != f.Pdp.Feature)))];
        var names = _ordered.Select(f => f.Pdp.Feature).ToList();
        _feature = FeatureQuery is { } q && names.Contains(q) ? q : names.FirstOrDefault();
        _pairA = PairAQuery is { } a && names.Contains(a) ? a : names.FirstOrDefault();
        _pairB = PairBQuery is { } b && names.Contains(b) && b != _pairA ? b : names.FirstOrDefault(n => n != _pairA);

        var key = $"{_figures.Stamp}|{_feature}";
        if (key != _shownKey)
        {
            _shownKey = key;
            (_pdp, _pdpLayout) = _feature is null ? ([], _pdpLayout) : PdpChart(_figures, _figures.Feature(_feature)!);
            _version++;
        }
        await LoadPairAsync(profileId);
    }

    private async Task LoadPairAsync(int profileId)
    {
        if (_figures is null || _pairA is null || _pairB is null)
        {
            _pair = [];
            return;
        }
        var figures = _figures;
        // Parameters are set again whenever the layout renders; re-creating an unchanged chart (a new @key) races its
        // own first draw, which then looks for an element that is gone ("No DOM element with id 'PlotlyChart…'").
        var key = $"{figures.Stamp}|{_pairA}|{_pairB}";
        if (key == _shownPairKey)
            return;
        _pairLoading = figures.Pair(_pairA, _pairB) is null && figures.Pair(_pairB, _pairA) is null;
        if (_pairLoading)
        {
            _pair = [];
            StateHasChanged();
        }
        var pair = await Store.PairAsync(profileId, _pairA, _pairB, 10);
        _pairLoading = false;
        (_pair, _pairLayout) = pair is null ? ([], _pairLayout) : PairChart(figures, pair);
        _shownPairKey = key;
        _pairVersion++;
    }

    internal static (IList<ITrace>, Plotly.Blazor.Layout) PdpChart(DriversFigures figures, FeatureFigure figure)
    {
        var pdp = figure.Pdp;
        if (pdp.Average.Length == 0)
            return ([], ChartStyle.Layout("", ""));
        var numeric = pdp.Kind == FeatureKind.Numeric;
        var x = numeric ? pdp.GridValues.Select(v => (object)v).ToList() : pdp.GridLabels.Select(v => (object)Terms.Value(pdp.Feature, v)).ToList();
        var traces = new List<ITrace>();
        var histogram = pdp.Histogram;
        if (histogram.Counts.Length > 0)
        {
            var centres = numeric && histogram.Edges.Length == histogram.Counts.Length + 1
                ? Enumerable.Range(0, histogram.Counts.Length).Select(k => (object)((histogram.Edges[k] + histogram.Edges[k + 1]) / 2)).ToList()
                : histogram.Labels.Select(l => (object)Terms.Value(pdp.Feature, l)).ToList();
            traces.Add(new Bar
            {
                Name = "posts",
                X = centres,
                Y = histogram.Counts.Select(c => (object)c).ToList(),
                YAxis = "y2",
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#bdbdbd" },
                Opacity = 0.45m,
                HoverTemplate = "%{x}: %{y} posts<extra></extra>",
            });
        }
        var mode = numeric ? Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines : Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers;
        foreach (var curve in DriversView.CentredIce(figures, pdp))
        {
            traces.Add(new Scatter
            {
                X = x,
                Y = curve.Select(v => (object)v).ToList(),
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = IceColour, Width = 1 },
                HoverInfo = Plotly.Blazor.Traces.ScatterLib.HoverInfoFlag.Skip,
                ShowLegend = false,
            });
        }
        var relative = DriversView.RelativePdp(figures, pdp);
        traces.Add(new Scatter
        {
            Name = "partial dependence",
            X = x,
            Y = relative.Select(v => (object)v).ToList(),
            Mode = mode,
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = "#1a237e", Width = 4 },
            HoverTemplate = "%{x}: ×%{y:.2f}<extra></extra>",
        });
        var low = Math.Min(0.8, relative.Min() * 0.95);
        var high = Math.Max(1.25, relative.Max() * 1.05);
        var layout = ChartStyle.Layout(Terms.Of(pdp.Feature).NameWithUnit, "predicted rate (× the average post)", 420, yFormat: ".2f");
        layout.YAxis![0].Range = [low, high];
        layout.YAxis.Add(new Plotly.Blazor.LayoutLib.YAxis
        {
            Overlaying = "y",
            Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right,
            ShowGrid = false,
            Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "posts" },
            // The histogram fills the lower third, under the curves.
            Range = [0, Math.Max(1, histogram.Counts.DefaultIfEmpty(0).Max()) * 3],
        });
        layout.Margin!.R = 56;
        layout.ShowLegend = false;
        return (traces, layout);
    }

    internal static (IList<ITrace>, Plotly.Blazor.Layout) PairChart(DriversFigures figures, PartialDependence2D pair)
    {
        var z = pair.Average.Select(row => (object)row.Select(v => (object)figures.Relative(v)).ToList()).ToList();
        var layout = ChartStyle.Layout(Terms.Name(pair.FeatureB), Terms.Name(pair.FeatureA), Math.Max(320, 34 * pair.GridA.Length + 120));
        layout.Margin!.L = 110;
        layout.XAxis![0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category;
        layout.YAxis![0].Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category;
        IList<ITrace> traces =
        [
            new HeatMap
            {
                X = pair.GridB.Select(v => (object)Terms.Value(pair.FeatureB, v)).ToList(),
                Y = pair.GridA.Select(v => (object)Terms.Value(pair.FeatureA, v)).ToList(),
                Z = z,
                ZMid = 1,
                ColorScale = new List<object> { new List<object> { 0, "#c62828" }, new List<object> { 0.5, "#ffffff" }, new List<object> { 1, "#2e7d32" } },
                HoverTemplate = Terms.Name(pair.FeatureA) + " %{y}, " + Terms.Name(pair.FeatureB) + " %{x}: ×%{z:.2f}<extra></extra>",
                TextTemplate = "%{z:.2f}",
            },
        ];
        return (traces, layout);
    }

    private static string FeatureText(FeatureFigure f) => Terms.Name(f.Pdp.Feature, f.Source);

    // Plain words before the statistics: how much the model can tell, what it leans on, and what the chosen feature does.
    private IEnumerable<string> InWords(DriversFigures figures)
    {
        var m = figures.Metrics;
        var explained = Math.Max(0, m.CrossValidatedR2);
        yield return explained < 0.05
            ? $"The model cannot predict the {DriversView.TargetWords(m)} of a post much better than an average (n = {m.Posts:N0} posts): read what follows as weak evidence."
            : $"Known features explain about {DriversView.Percent(explained)} of the differences in {DriversView.TargetWords(m)} between posts the model did not see (n = {m.Posts:N0} posts).";
        var leading = m.Importances.Where(i => i.MeanDrop > i.SdDrop).Take(3).Select(i => Terms.Name(i.Feature, i.Source)).ToList();
        if (leading.Count > 0)
            yield return $"It leans most on {string.Join(", ", leading)}.";
        if (_feature is null || figures.Feature(_feature) is not { } f || f.Pdp.GridLabels.Length < 2)
            yield break;
        var relative = DriversView.RelativePdp(figures, f.Pdp);
        var best = Array.IndexOf(relative, relative.Max());
        var worst = Array.IndexOf(relative, relative.Min());
        yield return f.Pdp.Kind == FeatureKind.Categorical
            ? $"{Terms.Name(f.Pdp.Feature)}: with “{Terms.Value(f.Pdp.Feature, f.Pdp.GridLabels[best])}” a post is predicted to do {Findings.Change(relative[best])} than the average post, with “{Terms.Value(f.Pdp.Feature, f.Pdp.GridLabels[worst])}” {Findings.Change(relative[worst])}, all else as it was."
            : $"{Terms.Of(f.Pdp.Feature).NameWithUnit}: at {ChartNumber(f.Pdp.GridValues[best])} a post is predicted to do {Findings.Change(relative[best])} than the average post, at {ChartNumber(f.Pdp.GridValues[worst])} {Findings.Change(relative[worst])}, all else as it was.";
    }

    private static string ChartNumber(double value) => value.ToString(Math.Abs(value) >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    private string CsvUrl(string file) => $"/api/profiles/{Uri.EscapeDataString(Filter.Profile?.Name ?? "")}/drivers/{file}";

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

    private void Set(string? feature = null, string? a = null, string? b = null) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["feature"] = feature ?? _feature,
            ["a"] = a ?? _pairA,
            ["b"] = a is not null && a == _pairB ? null : b ?? _pairB,
        }));

    public void Dispose() => _subscription?.Dispose();
}
