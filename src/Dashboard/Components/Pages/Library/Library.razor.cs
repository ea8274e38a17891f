using System.Diagnostics;
using Insights.Analytics.Annotations;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Model;
using Insights.Inference.Vision;
using Microsoft.AspNetCore.Components;

namespace Insights.Dashboard.Components.Pages.Library;

public partial class Library : IDisposable
{
    /// <summary>While labelling runs, the grid re-reads the labels at most this often (a read parses every label set of the profile).</summary>
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(15);

    private IReadOnlyList<LibraryPost>? _posts;
    private LibraryModel? _model;
    private LibraryFilter _filter = LibraryFilter.None;
    private LibraryPost? _selected;
    private IReadOnlySet<long>? _wordMatches;
    private IDisposable? _subscription;
    private DateTime _lastRefresh;
    private int _refreshing;
    private bool _labelling;
    private int? _profileLoaded;
    private DashboardFilter? _rangeLoaded;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required LibrarySource Source { get; init; }

    [Inject] public required OverlayTextSearch TextSearch { get; init; }

    [Inject] public required JobProgressHub Jobs { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required ILogger<Library> Logger { get; init; }

    /// <summary>People class: no_person, one_person, two_persons or three_or_more; any by default.</summary>
    [SupplyParameterFromQuery(Name = "people")] public string? PeopleQuery { get; set; }

    /// <summary>Faces: 0, 1 or 2plus; any by default.</summary>
    [SupplyParameterFromQuery(Name = "faces")] public string? FacesQuery { get; set; }

    /// <summary>Animals: any, none or a COCO animal; no filter by default.</summary>
    [SupplyParameterFromQuery(Name = "animal")] public string? AnimalQuery { get; set; }

    /// <summary>A COCO object present; no filter by default.</summary>
    [SupplyParameterFromQuery(Name = "object")] public string? ObjectQuery { get; set; }

    /// <summary>Text overlay: yes or no; any by default.</summary>
    [SupplyParameterFromQuery(Name = "text")] public string? TextQuery { get; set; }

    /// <summary>Words to find in the overlay text read by OCR, any case; none by default.</summary>
    [SupplyParameterFromQuery(Name = "q")] public string? WordsQuery { get; set; }

    /// <summary>drawing or photo; any by default.</summary>
    [SupplyParameterFromQuery(Name = "style")] public string? StyleQuery { get; set; }

    /// <summary>nsfw: yes or no; any by default.</summary>
    [SupplyParameterFromQuery(Name = "nsfw")] public string? NsfwQuery { get; set; }

    /// <summary>Media type: image, video or carousel; any by default.</summary>
    [SupplyParameterFromQuery(Name = "type")] public string? TypeQuery { get; set; }

    /// <summary>Label status: waiting, labelled, failed or nomedia; any by default.</summary>
    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }

    /// <summary>Page of the grid, 1-based; default 1.</summary>
    [SupplyParameterFromQuery(Name = "page")] public int? PageQuery { get; set; }

    /// <summary>The platform id of the post whose panel is open; none by default.</summary>
    [SupplyParameterFromQuery(Name = "post")] public string? PostQuery { get; set; }

    protected override void OnInitialized()
    {
        _labelling = Jobs.Active.Any(j => j.Kind == AnnotateJobHandler.JobKind);
        _subscription = Jobs.Subscribe(OnJobChanged);
    }

    protected override async Task OnParametersSetAsync()
    {
        _filter = LibraryFilter.Parse(PeopleQuery, FacesQuery, AnimalQuery, ObjectQuery, TextQuery, StyleQuery, NsfwQuery, TypeQuery, StatusQuery, WordsQuery);
        if (Filter.Profile is null)
            return;
        if (_posts is null || _profileLoaded != Filter.Profile.Id || _rangeLoaded?.Range != Filter.Range)
            await LoadAsync();
        await MatchWordsAsync();
        Rebuild();
    }

    public void Dispose() => _subscription?.Dispose();

    private async Task LoadAsync()
    {
        var clock = Stopwatch.StartNew();
        _posts = await Source.PostsAsync(Filter.Profile!.Id, Filter);
        _profileLoaded = Filter.Profile.Id;
        _rangeLoaded = Filter;
        _lastRefresh = DateTime.UtcNow;
        Logger.LogDebug("Library of profile {Profile}: {Posts} posts read in {Elapsed} ms", Filter.Profile.Name, _posts.Count, clock.ElapsedMilliseconds);
    }

    private async Task MatchWordsAsync() =>
        _wordMatches = _filter.Words is { } words ? await TextSearch.AssetsMatchingAsync(Filter.Profile!.Id, words) : null;

    private void Rebuild()
    {
        if (_posts is null)
            return;
        _model = LibraryModel.Build(_posts, _filter, PageQuery ?? 1, wordMatches: _wordMatches);
        _selected = PostQuery is null ? null : _posts.FirstOrDefault(p => p.PlatformPostId == PostQuery);
    }

    private void OnJobChanged(JobSnapshot job)
    {
        // New labels arrive while the annotate job runs: re-read now and then, and once when it ends.
        if (job.Kind != AnnotateJobHandler.JobKind || Filter.Profile is null || _posts is null)
            return;
        // Any labelling job, not this one: a batch ends just as the next (queued before it ended) starts.
        var labelling = Jobs.Active.Any(j => j.Kind == AnnotateJobHandler.JobKind);
        var noteChanged = labelling != _labelling;
        _labelling = labelling;
        if (job.IsActive && DateTime.UtcNow - _lastRefresh < RefreshEvery)
        {
            // The labels are re-read later, but the note saying whether labelling runs is redrawn at once.
            if (noteChanged)
                _ = InvokeAsync(StateHasChanged);
            return;
        }
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
            return;
        _lastRefresh = DateTime.UtcNow;
        _ = InvokeAsync(async () =>
        {
            try
            {
                await LoadAsync();
                await MatchWordsAsync();
                Rebuild();
                StateHasChanged();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogWarning(ex, "The Library could not refresh its labels");
            }
            finally
            {
                Interlocked.Exchange(ref _refreshing, 0);
            }
        });
    }

    private void Apply(LibraryFilter filter)
    {
        var query = filter.ToQuery();
        query["page"] = null;
        query["post"] = null;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query));
    }

    private void GoToPage(int page) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["page"] = page <= 1 ? null : page, ["post"] = null }));

    private void Open(LibraryPost post) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("post", post.PlatformPostId));

    private void Close() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("post", (string?)null));

    private static string? OrNull(string value) => value.Length == 0 ? null : value;

    private static string PeopleText(PeopleClass people) => people switch
    {
        PeopleClass.NoPerson => "No person",
        PeopleClass.OnePerson => "One person",
        PeopleClass.TwoPersons => "Two persons",
        _ => "Three or more",
    };

    /// <summary>A few words under a thumbnail: people, and what else stands out.</summary>
    private static string Summary(LibraryPost post)
    {
        if (post.Labels is not { } labels)
            return post.State switch
            {
                LabelState.NoMedia => "no media imported",
                LabelState.Failed => "labelling failed",
                _ => "waiting for labels",
            };
        var parts = new List<string> { PeopleText(labels.People.Class).ToLowerInvariant() };
        if (labels.Faces.Count > 0)
            parts.Add(labels.Faces.Count == 1 ? "1 face" : $"{labels.Faces.Count} faces");
        if (labels.Objects.FirstOrDefault(o => o.IsAnimal) is { } animal)
            parts.Add(animal.Name);
        if (labels.Text.Present)
            parts.Add("text");
        if (labels.Style.IsDrawing)
            parts.Add("drawing");
        return string.Join(" · ", parts);
    }
}
