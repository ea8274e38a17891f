using System.Globalization;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Model;
using Insights.Analytics.Classification;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace Insights.Dashboard.Components.Pages.Model;

public partial class Model : IDisposable
{
    private static readonly int[] ShownClassCounts = [2, 3];

    private bool _loading = true;
    private List<ClassifierReport> _reports = [];
    private readonly Dictionary<int, IList<ITrace>> _confusion = [];
    private readonly Dictionary<int, Plotly.Blazor.Layout> _confusionLayouts = [];
    private IList<ITrace> _histogram = [];
    private Plotly.Blazor.Layout _histogramLayout = ChartStyle.Layout("Cosine distance to the nearest other post", "Posts", 300);
    private int _version;
    private JobSnapshot? _job;
    private bool _annotating;
    private int _labelledPosts;
    private int? _profileId;
    private IDisposable? _jobSubscription;
    private bool _subscribedToStore;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required ClassifierStore Store { get; init; }


    [Inject] public required PostLabelSource Labels { get; init; }

    [Inject] public required JobQueue Queue { get; init; }

    [Inject] public required JobProgressHub Hub { get; init; }


    [Inject] public required IOptions<ClassifierOptions> Options { get; init; }

    [Inject] public required IOptions<JobOptions> JobOptions { get; init; }

    private string EmptyText =>
        _job is { IsActive: true } ? "The first model is being trained now; it appears here when it is ready." :
        _annotating ? $"The classifier learns from the labels of the profile's pictures and videos, which are being made now (see the progress bar above; {_labelledPosts:N0} posts labelled so far). " +
            (JobOptions.Value.EarlyTrainingPosts > 0 ? $"A first model is trained once {Math.Max(JobOptions.Value.EarlyTrainingPosts, Options.Value.MinPosts):N0} posts are labelled, and improves as labelling continues." : "It is trained as soon as they are done.") :
        _labelledPosts == 0 ? "No post of this profile has labels yet. The classifier is trained from the labels of its media, which are made in the background after an import (when automatic labels are switched on)." :
        _job is { Status: JobStatus.Failed } ? "Training failed; the reason is shown above." :
        "Training has been queued.";

    private string DuplicateCaption
    {
        get
        {
            var v = _reports.FirstOrDefault()?.Validation;
            if (v is null) return "";
            var options = Options.Value;
            // The threshold falls to the floor's bin when the histogram has no valley between copies and distinct posts.
            var why = v.DuplicateThreshold <= options.DuplicateFloor + options.HistogramBinWidth
                ? $"the histogram has no valley between copies and distinct posts, so the threshold stays near the floor of {options.DuplicateFloor.ToString("F2", CultureInfo.InvariantCulture)}"
                : $"the middle of the first emptiest stretch of the histogram between {options.DuplicateFloor.ToString("F2", CultureInfo.InvariantCulture)} and {options.DuplicateCeiling.ToString("F2", CultureInfo.InvariantCulture)}, the valley after the copies";
            return $"Each bar counts posts by the cosine distance of their picture to the most similar other post (0 = the same picture). " +
                $"Posts closer than {v.DuplicateThreshold.ToString("F3", CultureInfo.InvariantCulture)} (the dashed line: {why}) count as near-duplicates; " +
                $"of each group one is kept (single posts over carousels, then the most recent), so {v.DuplicatesRemoved:N0} posts were left out of training and validation. n = {v.NearestDistances.Counts.Sum():N0} posts.";
        }
    }

    // Figures as attributes for browser tests and scripts, independent of the display culture.
    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    protected override void OnInitialized()
    {
        _jobSubscription = Hub.Subscribe(OnJobChanged);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!_subscribedToStore)
        {
            Store.Changed += OnStoreChanged;
            _subscribedToStore = true;
        }
        if (Filter.Profile is null)
            return;
        _profileId = Filter.Profile.Id;
        await LoadAsync(Filter.Profile.Id);
    }

    private async Task LoadAsync(int profileId)
    {
        var stamp = await Labels.StampAsync(profileId);
        var reports = new List<ClassifierReport>();
        foreach (var k in ShownClassCounts)
        {
            if (await Store.GetAsync(profileId, k) is { } snapshot)
                reports.Add(ClassifierReport.From(snapshot, stamp));
        }
        _labelledPosts = (await Labels.EmbeddingsAsync(profileId)).Count;
        // Only this profile's labelling holds its classifier back; the page reads, the freshness service queues.
        var annotation = await Queue.RecentAsync(profileId, AnnotateJobHandler.JobKind, 1);
        _annotating = annotation is [{ Status: JobStatus.Queued or JobStatus.Running }];
        var recent = await Queue.RecentAsync(profileId, ClassifierJobHandler.JobKind, 1);
        _job = recent is [var job] ? Hub.Get(job.Id) ?? JobSnapshot.From(job) : null;
        _reports = reports;
        BuildCharts();
        _loading = false;
    }

    private void BuildCharts()
    {
        _confusion.Clear();
        _confusionLayouts.Clear();
        foreach (var report in _reports)
        {
            var v = report.Validation;
            var names = Enumerable.Range(0, report.Classes).Select(report.ClassName).ToList();
            var z = v.Confusion.Select(row =>
            {
                var total = Math.Max(1, row.Sum());
                return (object)row.Select(count => (object)Math.Round(count / (double)total, 3)).ToList();
            }).ToList();
            var text = v.Confusion.Select(row => (object)row.Select(count => (object)count.ToString("N0", CultureInfo.InvariantCulture)).ToList()).ToList();
            _confusion[report.Classes] =
            [
                new HeatMap
                {
                    X = names.Cast<object>().ToList(),
                    Y = names.Cast<object>().ToList(),
                    Z = z,
                    Text = text,
                    TextTemplate = "%{text}",
                    HoverTemplate = "true %{y}, predicted %{x}: %{text} posts (%{z:.0%} of the row)<extra></extra>",
                    ColorScale = new object[] { new object[] { 0, "#f5f5f5" }, new object[] { 1, "#1e88e5" } },
                    ZMin = 0,
                    ZMax = 1,
                    ShowScale = false,
                },
            ];
            var layout = ChartStyle.Layout("Predicted class", "True class", 300);
            layout.Legend = null;
            // Class names are categories; the shared layout's linear y axis would draw nothing.
            layout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category;
            layout.YAxis[0].Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category;
            // Categories go bottom-up: high ends at the top, as on the Popularity page.
            _confusionLayouts[report.Classes] = layout;
        }

        var first = _reports.FirstOrDefault()?.Validation;
        if (first is not null)
        {
            var h = first.NearestDistances;
            var lastBin = Array.FindLastIndex(h.Counts, c => c > 0);
            var shown = Math.Max(lastBin + 1, (int)Math.Ceiling(first.DuplicateThreshold / h.BinWidth) + 2);
            shown = Math.Min(shown, h.Counts.Length);
            _histogram =
            [
                new Bar
                {
                    Name = "Posts",
                    X = Enumerable.Range(0, shown).Select(b => (object)Math.Round((b + 0.5) * h.BinWidth, 4)).ToList(),
                    Y = h.Counts.Take(shown).Select(c => (object)c).ToList(),
                    Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = ChartStyle.ImageColour },
                    HoverTemplate = "distance %{x:.3f}: %{y} posts<extra></extra>",
                },
            ];
            _histogramLayout = ChartStyle.Layout("Cosine distance to the nearest other post", "Posts", 300);
            _histogramLayout.BarGap = 0;
            _histogramLayout.Shapes =
            [
                new Shape
                {
                    Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
                    X0 = first.DuplicateThreshold,
                    X1 = first.DuplicateThreshold,
                    Y0 = 0,
                    Y1 = 1,
                    YRef = "paper",
                    Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = "#c62828", Width = 2, Dash = "dash" },
                },
            ];
        }
        _version++;
    }

    private void OnJobChanged(JobSnapshot job)
    {
        if (job.Kind != ClassifierJobHandler.JobKind || job.ProfileId != _profileId)
            return;
        _job = job;
        _ = InvokeAsync(StateHasChanged);
    }

    private void OnStoreChanged(int profileId)
    {
        if (profileId != _profileId)
            return;
        _ = InvokeAsync(async () =>
        {
            await LoadAsync(profileId);
            StateHasChanged();
        });
    }

    public void Dispose()
    {
        _jobSubscription?.Dispose();
        if (_subscribedToStore)
            Store.Changed -= OnStoreChanged;
    }
}
