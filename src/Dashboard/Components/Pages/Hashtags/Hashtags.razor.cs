using System.Globalization;
using Insights.Analytics.Hashtags;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace Insights.Dashboard.Components.Pages.Hashtags;

public partial class Hashtags
{
    private HashtagReport? _report;
    private string _target = "";
    private (int ProfileId, DateOnly? From, DateOnly? To, int? Minimum)? _built;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    /// <summary>Fewest posts a tag needs to be listed; Hashtags:MinPosts (10) by default.</summary>
    [SupplyParameterFromQuery(Name = "min")] public int? MinimumQuery { get; set; }

    [Inject] public required HashtagService HashtagLifts { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        if (Filter.Profile is null)
            return;
        var minimum = MinimumQuery is { } asked ? Math.Clamp(asked, 2, 100_000) : (int?)null;
        var (profileId, from, to) = (Filter.Profile.Id, Filter.From, Filter.To);
        if (_built == (profileId, from, to, minimum))
            return;
        _built = (profileId, from, to, minimum);
        _report = null;
        // A bootstrap interval per tag: off the circuit's thread, so the page stays responsive meanwhile.
        var (report, target) = await Task.Run(() => HashtagLifts.GetAsync(profileId, from, to, minimum));
        _report = report;
        _target = target;
    }

    private void SetMinimum(int minimum) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("min", Math.Clamp(minimum, 2, 100_000).ToString(CultureInfo.InvariantCulture)));
}
