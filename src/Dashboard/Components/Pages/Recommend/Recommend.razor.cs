using Insights.Dashboard.Model;
using Insights.Dashboard.Recommendations;
using Microsoft.AspNetCore.Components;

namespace Insights.Dashboard.Components.Pages.Recommend;

public partial class Recommend
{
    private RecommendationView? _view;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required RecommendationService Recommendations { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        if (Filter.Profile is null)
            return;
        _view = await Recommendations.GetAsync(Filter.Profile.Id, Filter.From, Filter.To);
    }
}
