using System.Globalization;
using Insights.Analytics.Compare;
using Insights.Analytics.Ingestion.Platforms;
using Insights.Dashboard.Compare;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Insights.Dashboard.Components.Pages.Compare;

public partial class Compare
{
    private CompareModel _model = CompareModel.Empty;
    private IReadOnlyCollection<string> _chosen = [];
    private bool _loading;
    private string _metric = PorMetric;
    private (string Profiles, DateOnly? From, DateOnly? To)? _built;

    private const string PorMetric = "por";
    private const string ErMetric = "er";

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The compared profiles, comma-separated ("a,b,c"); none by default.</summary>
    [SupplyParameterFromQuery(Name = "profiles")] public string? ProfilesQuery { get; set; }

    /// <summary>The rate the distribution chart shows: "por" (Popularity Rate, the default) or "er" (engagement rate).</summary>
    [SupplyParameterFromQuery(Name = "metric")] public string? MetricQuery { get; set; }

    [Inject] public required CompareService Comparison { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    private IReadOnlyList<string> Platforms => _model.Profiles.Select(p => p.Platform).Distinct().ToList();

    private IReadOnlyList<MetricDefinition> Definitions => Platforms.SelectMany(MetricDefinitions.For).ToList();

    protected override async Task OnParametersSetAsync()
    {
        var names = (ProfilesQuery ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _chosen = names.ToList();
        _metric = MetricQuery == ErMetric ? ErMetric : PorMetric;
        if (names.Length == 0)
        {
            _model = CompareModel.Empty;
            _built = null;
            return;
        }
        // Switching the chart's metric changes the URL too; it needs no new comparison.
        var key = (string.Join(",", names), Filter.From, Filter.To);
        if (_built == key)
            return;
        _built = key;
        _loading = true;
        var user = AuthenticationState is null ? new System.Security.Claims.ClaimsPrincipal() : (await AuthenticationState).User;
        _model = await Comparison.BuildAsync(user, names, Filter.From, Filter.To);
        _loading = false;
    }

    private void OnChosen(IReadOnlyCollection<string> chosen)
    {
        var names = chosen.Take(CompareService.MaxProfiles).ToList();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("profiles", names.Count == 0 ? null : string.Join(",", names)));
    }

    private void SetMetric(string metric) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("metric", metric == ErMetric ? ErMetric : null));

    private string CsvLink(string table)
    {
        var query = new List<string> { "profiles=" + Uri.EscapeDataString(string.Join(",", _model.Profiles.Select(p => p.Name))), "table=" + table };
        if (Filter.From is { } from) query.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (Filter.To is { } to) query.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return "/api/compare.csv?" + string.Join("&", query);
    }

    private static string PlatformName(string platform) => PlatformCatalog.Find(platform)?.DisplayName ?? platform;

    private static string Level(int posts, int most) => (posts / (double)most).ToString("0.##", CultureInfo.InvariantCulture);

    private static string CellClass(LiftCell? cell) => cell switch
    {
        null => "missing",
        { Helps: true } => "num helps",
        { Hurts: true } => "num hurts",
        { Sparse: true } => "num sparse",
        _ => "num",
    };
}
