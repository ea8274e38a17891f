using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Caching;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Insights.Dashboard.Components.Pages.Posts;

public partial class Posts
{
    private MudDataGrid<PostRow>? _grid;
    private ProfilePopularity? _scores;
    private IReadOnlyList<PostScore> _newestFirst = [];
    private HashSet<long>? _matches;
    private int _matching;
    private PostRow? _selected;
    private string? _search;
    private int _classes = 3;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required PopularityService Scores { get; init; }

    [Inject] public required PostCatalog Catalog { get; init; }

    /// <summary>The range's posts newest first, shared while the scores they come from are cached.</summary>
    [Inject] public required DerivedViews<ProfilePopularity, (DateOnly? From, DateOnly? To), IReadOnlyList<PostScore>> InRange { get; init; }

    /// <summary>A platform post id whose details open at once (links from the content map); none by default.</summary>
    [SupplyParameterFromQuery(Name = "post")] public string? PostQuery { get; set; }

    private (ProfilePopularity?, DateOnly?, DateOnly?, string?) _shown;

    protected override async Task OnParametersSetAsync()
    {
        if (Filter.Profile is null)
            return;
        // The scores are the shared cache's (keyed by the profile's stamp); only the rows on screen are made per circuit.
        var scores = await Scores.GetAsync(Filter.Profile.Id);
        // The layout hands the filter down again as it settles; the same scores (the cached object) and range show the same rows.
        var shown = (scores, Filter.From, Filter.To, PostQuery);
        if (shown == _shown)
            return;
        _shown = shown;
        _scores = scores;
        _classes = _scores.Settings.Classes;
        _newestFirst = InRange.Get(scores, (Filter.From, Filter.To), static (scores, range) =>
            scores.Posts.Where(p => new DayRange(range.From, range.To).Contains(p.PublishedUtc)).OrderByDescending(p => p.PublishedUtc).ToList());
        _matching = _newestFirst.Count;
        if (PostQuery is { Length: > 0 } id && _scores.Posts.FirstOrDefault(p => p.PlatformPostId == id) is { } score)
        {
            var details = await Catalog.DetailsAsync(Filter.Profile.Id, [score.PostId]);
            _selected = ToRow(score, details);
        }
        if (_grid is not null)
            await _grid.ReloadServerData();
    }

    private PostRow ToRow(PostScore score, IReadOnlyDictionary<long, PostDetails>? details) =>
        new(score, details?.GetValueOrDefault(score.PostId), score.Class is { } c ? ClassSettings.ClassName(c, _classes) : null);

    /// <summary>The page of rows the grid shows: filtered and sorted over the profile, captions and thumbnails read for the page only.</summary>
    private async Task<GridData<PostRow>> LoadRowsAsync(GridState<PostRow> state, CancellationToken cancellationToken)
    {
        if (Filter.Profile is not { } profile || _scores is null)
            return new GridData<PostRow> { Items = [], TotalItems = 0 };
        var matches = _matches;
        var candidates = matches is null ? _newestFirst : _newestFirst.Where(p => matches.Contains(p.PostId));
        List<PostRow> window;
        int total;
        if (state.FilterDefinitions.Count == 0 && state.SortDefinitions.Count == 0)
        {
            // The common case, newest first unfiltered: only the page's rows are made.
            window = candidates.Skip(state.Page * state.PageSize).Take(state.PageSize).Select(p => ToRow(p, null)).ToList();
            total = matches is null ? _newestFirst.Count : candidates.Count();
        }
        else
        {
            var rows = PostRowQuery.Apply(candidates.Select(p => ToRow(p, null)), state.FilterDefinitions, state.SortDefinitions);
            window = rows.Skip(state.Page * state.PageSize).Take(state.PageSize).ToList();
            total = rows.Count;
        }
        var details = await Catalog.DetailsAsync(profile.Id, window.Select(r => r.Score.PostId).ToList(), cancellationToken);
        if (_matching != total)
        {
            _matching = total;
            _ = InvokeAsync(StateHasChanged);
        }
        return new GridData<PostRow> { Items = window.Select(r => r with { Details = details.GetValueOrDefault(r.Score.PostId) }).ToList(), TotalItems = total };
    }

    private async Task SearchAsync(string? text)
    {
        _search = text;
        _matches = string.IsNullOrWhiteSpace(text) || Filter.Profile is null ? null : await Catalog.SearchAsync(Filter.Profile.Id, text);
        if (_grid is not null)
            await _grid.ReloadServerData();
    }

    private void Open(PostRow row) => _selected = row;

    private void Close() => _selected = null;
}
