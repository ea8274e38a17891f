using System.Globalization;
using Insights.Analytics.Drafts;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Model;
using Insights.Dashboard.Prediction;
using Insights.Inference;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Vision;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Components.Pages.Predict;

public partial class Predict : IDisposable
{
    /// <summary>Most drafts taken from one drop.</summary>
    private const int MaxFiles = 20;

    /// <summary>
    /// How often the page looks for the profile's first model while it has none or shows a draft without a class. The
    /// model is read from the shared data directory, so one trained by another process is found too.
    /// </summary>
    private static readonly TimeSpan ModelPoll = TimeSpan.FromSeconds(5);

    private readonly List<DraftCard> _cards = [];
    private ClassifierSnapshot? _snapshot;
    private ModelNotReadyException? _notReady;
    private IReadOnlyList<DraftSummary> _past = [];
    private string _userId = CurrentUser.Local;
    private bool _loading = true;
    private int? _loadedProfile;
    private readonly CancellationTokenSource _stop = new();

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required PredictionService Predictions { get; init; }

    [Inject] public required DraftStore Drafts { get; init; }

    [Inject] public required ClassifierStore Classifiers { get; init; }

    [Inject] public required IOptions<LabelOptions> Limits { get; init; }

    [Inject] public required IServiceProvider Services { get; init; }

    private ProfileRef? Profile => Filter.Profile is { } p ? new ProfileRef(p.Id, p.Name) : null;

    protected override void OnInitialized() => _ = WatchForModelAsync();

    protected override async Task OnParametersSetAsync()
    {
        if (Services.GetService(typeof(AuthenticationStateProvider)) is AuthenticationStateProvider auth)
        {
            try
            {
                _userId = CurrentUser.Id((await auth.GetAuthenticationStateAsync()).User);
            }
            catch (InvalidOperationException)
            {
                // no authentication state outside a circuit (prerendering without accounts): the local user
            }
        }
        if (Profile is not { } profile || _loadedProfile == profile.Id)
            return;
        _loadedProfile = profile.Id;
        _cards.Clear();
        Classifiers.Changed -= OnClassifierChanged;
        Classifiers.Changed += OnClassifierChanged;
        await LoadAsync(profile);
    }

    private async Task LoadAsync(ProfileRef profile)
    {
        _loading = true;
        (_snapshot, _notReady) = await Predictions.ReadinessAsync(profile, _stop.Token);
        _past = await Drafts.ListAsync(_userId, profile.Id, cancellationToken: _stop.Token);
        _loading = false;
    }

    private void OnClassifierChanged(int profileId)
    {
        if (Profile is { } profile && profile.Id == profileId)
            _ = InvokeAsync(() => RefreshAsync(profile));
    }

    private static bool Unclassified(DraftCard card) => card.State == DraftCardState.Done && card.Result is { Class: null, Id: > 0 };

    private async Task WatchForModelAsync()
    {
        using var timer = new PeriodicTimer(ModelPoll);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (Profile is { } profile && !_loading && (_snapshot is null || _cards.Any(Unclassified)))
                    await InvokeAsync(() => RefreshAsync(profile));
            }
        }
        catch (OperationCanceledException)
        {
            // the page is closed
        }
    }

    /// <summary>Reads the model's state again and, once there is a model, gives the drafts shown without a class theirs.</summary>
    private async Task RefreshAsync(ProfileRef profile)
    {
        (_snapshot, _notReady) = await Predictions.ReadinessAsync(profile, _stop.Token);
        if (_snapshot is not null)
        {
            foreach (var card in _cards.Where(Unclassified).ToList())
            {
                try
                {
                    card.Result = await Predictions.CompleteAsync(card.Result!.Id, _userId, _stop.Token) ?? card.Result;
                }
                catch (Exception ex) when (ex is MediaRejectedException or PredictionQueueFullException or ModelUnavailableException or IOException)
                {
                    // stays without a class; the next look tries again
                }
                StateHasChanged();
            }
            _past = await Drafts.ListAsync(_userId, profile.Id, cancellationToken: _stop.Token);
        }
        StateHasChanged();
    }

    private async Task OnFilesChanged(InputFileChangeEventArgs e)
    {
        if (Profile is not { } profile)
            return;
        var files = e.GetMultipleFiles(MaxFiles);
        var batch = files.Select(f => (File: f, Card: new DraftCard { FileName = f.Name, State = DraftCardState.Waiting })).ToList();
        _cards.AddRange(batch.Select(b => b.Card));
        StateHasChanged();
        var limit = Math.Max(Limits.Value.MaxImageBytes, Limits.Value.MaxVideoBytes);
        foreach (var (file, card) in batch)
        {
            card.State = DraftCardState.Analysing;
            StateHasChanged();
            try
            {
                if (file.Size > limit)
                    throw new MediaRejectedException(MediaRejection.TooManyBytes, $"{file.Name}: {file.Size:N0} bytes is more than the limit of {limit:N0}");
                await using var stream = file.OpenReadStream(limit, _stop.Token);
                card.Result = await Predictions.PredictAsync(profile, stream, file.Name, _userId, _stop.Token);
                card.State = DraftCardState.Done;
            }
            catch (Exception ex) when (ex is MediaRejectedException or PredictionQueueFullException or ModelUnavailableException or IOException)
            {
                card.State = DraftCardState.Failed;
                card.Error = ex.Message;
            }
            StateHasChanged();
        }
        _past = await Drafts.ListAsync(_userId, profile.Id, cancellationToken: _stop.Token);
    }

    private async Task Reopen(DraftSummary draft)
    {
        if (_cards.Any(c => c.Result?.Id == draft.Id))
            return;
        // a draft saved before the first model gets its class now if there is one
        var result = await Predictions.CompleteAsync(draft.Id, _userId, _stop.Token);
        if (result is not null)
            _cards.Add(new DraftCard { FileName = result.FileName, State = DraftCardState.Done, Result = result });
        if (draft.Score is null && result?.Class is not null && Profile is { } profile)
            _past = await Drafts.ListAsync(_userId, profile.Id, cancellationToken: _stop.Token);
    }

    private async Task Delete(DraftSummary draft)
    {
        if (await Drafts.DeleteAsync(draft.Id, _userId, _stop.Token))
        {
            _cards.RemoveAll(c => c.Result?.Id == draft.Id);
            _past = [.. _past.Where(d => d.Id != draft.Id)];
        }
    }

    private void Remove(DraftCard card) => _cards.Remove(card);

    private static string Percent(double value) => (value * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Ordinal(double percentile)
    {
        var n = (int)Math.Round(percentile);
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    private static string Rate(double? value) => value is { } v && double.IsFinite(v) ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Css(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The draft's labels in words, for chips.</summary>
    private static IEnumerable<string> LabelChips(LabelSet labels)
    {
        yield return PeopleLabel.Name(labels.People.Class).Replace('_', ' ');
        if (labels.Faces.Count > 0) yield return labels.Faces.Count == 1 ? "1 face" : $"{labels.Faces.Count} faces";
        foreach (var o in labels.Objects.Where(o => o.Name != "person").Take(6)) yield return o.Count > 1 ? $"{o.Name} ×{o.Count}" : o.Name;
        yield return labels.Text.Present ? $"text overlay ({Percent(labels.Text.AreaRatio)} of the area)" : "no text overlay";
        yield return labels.Style.IsDrawing ? "illustration" : "photo";
        if (labels.Style.IsNsfw) yield return "nsfw";
        yield return $"brightness {labels.Stats.Brightness.ToString("0.00", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Every box of the draft (people, faces, objects, text) with its kind, for the overlay.</summary>
    private static IEnumerable<(Box Box, string Kind, string Colour)> Boxes(LabelSet labels)
    {
        foreach (var b in labels.People.Boxes) yield return (b, "person", "#00e5ff");
        foreach (var b in labels.Faces.Boxes) yield return (b, "face", "#ffea00");
        foreach (var o in labels.Objects.Where(o => o.Name != "person"))
            foreach (var b in o.Boxes) yield return (b, o.Name, "#76ff03");
        foreach (var b in labels.Text.Boxes) yield return (b, "text", "#ff4081");
    }

    public void Dispose()
    {
        Classifiers.Changed -= OnClassifierChanged;
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
