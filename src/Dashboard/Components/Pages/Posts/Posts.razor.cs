using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace Insights.Dashboard.Components.Pages.Posts;

public partial class Posts
{
    private List<PostRow>? _rows;
    private PostRow? _selected;
    private string? _search;
    private int _classes = 3;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required PopularityService Scores { get; init; }

    [Inject] public required PostCatalog Catalog { get; init; }

    /// <summary>A platform post id whose details open at once (links from the content map); none by default.</summary>
    [SupplyParameterFromQuery(Name = "post")] public string? PostQuery { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (Filter.Profile is null)
            return;
        var scores = await Scores.GetAsync(Filter.Profile.Id);
        var details = await Catalog.DetailsAsync(Filter.Profile.Id);
        _classes = scores.Settings.Classes;
        _rows = scores.Posts.Where(p => Filter.Contains(p.PublishedUtc))
            .OrderByDescending(p => p.PublishedUtc)
            .Select(p => new PostRow(p, details.GetValueOrDefault(p.PostId), p.Class is { } c ? ClassSettings.ClassName(c, _classes) : null))
            .ToList();
        if (PostQuery is { Length: > 0 } id)
            _selected = _rows.FirstOrDefault(r => r.Id == id) ?? _selected;
    }

    private bool QuickFilter(PostRow row) =>
        string.IsNullOrWhiteSpace(_search)
        || row.Id.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Caption.Contains(_search, StringComparison.OrdinalIgnoreCase);

    private void Open(PostRow row) => _selected = row;

    private void Close() => _selected = null;
}
