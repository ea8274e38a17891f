using Insights.Dashboard.Model;
using Insights.Dashboard.Recommendations;
using Microsoft.AspNetCore.Components;

namespace Insights.Dashboard.Components.Pages.Recommend;

public partial class Recommend
{
    private RecommendationView? _view;
    private (int Profile, DateOnly? From, DateOnly? To)? _shown;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required RecommendationService Recommendations { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        // The filter cascades again on every render of the layout; only a new profile or range asks again.
        if (Filter.Profile is null || _shown == (Filter.Profile.Id, Filter.From, Filter.To))
            return;
        var asked = (Filter.Profile.Id, Filter.From, Filter.To);
        _shown = asked;
        _view = null;
        var view = await Recommendations.GetAsync(asked.Id, asked.From, asked.To);
        // A newer profile or range may have been chosen while this one was worked out.
        if (_shown == asked)
            _view = view;
    }
}
