using Insights.Analytics.Profiles;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace Insights.Dashboard.Components.Layout;

/// <summary>The frame of every page; reads the profile and date range from the URL and cascades them.</summary>
public partial class MainLayout : IDisposable
{
    private readonly MudTheme _theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3949ab", AppbarBackground = "#283593" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };

    private DashboardFilter _filter = DashboardFilter.Empty;
    private bool _drawerOpen = true;
    private IReadOnlyList<ProfileSummary> _profiles = [];
    private bool _contextOpen;

    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>Limits the profile picker (and so every page) to the profiles the user may see.</summary>
    [Inject] public required ProfileAccess Access { get; init; }

    [Inject] public required ILogger<MainLayout> Logger { get; init; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Navigation.LocationChanged += OnLocationChanged;
        _profiles = await VisibleProfilesAsync();
        _filter = Parse(Navigation.Uri);
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    // An event handler cannot be awaited: the work runs on the circuit's dispatcher and catches its own errors, since an
    // exception escaping an async void handler would end the circuit (the user's whole session on the page).
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(() => FollowLocationAsync(e.Location));

    private async Task FollowLocationAsync(string location)
    {
        try
        {
            // Profiles appear when the demo import or an upload finishes; refresh the list on navigation.
            _profiles = await VisibleProfilesAsync();
        }
        catch (Exception ex)
        {
            // The previous list still serves; the next navigation tries again.
            Logger.LogWarning(ex, "Could not refresh the profile list on navigation to {Location}", location);
        }
        var next = Parse(location);
        if (next != _filter)
        {
            _filter = next;
            StateHasChanged();
        }
    }

    private async Task<IReadOnlyList<ProfileSummary>> VisibleProfilesAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        return user is null ? [] : await Access.ListAsync(user);
    }

    private DashboardFilter Parse(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        var name = query.TryGetValue("profile", out var p) ? p.ToString() : null;
        var profile = _profiles.FirstOrDefault(x => x.Name == name) ?? _profiles.OrderByDescending(x => x.PostCount).FirstOrDefault();
        DayRange.TryParse(query.TryGetValue("from", out var f) ? f.ToString() : null, query.TryGetValue("to", out var t) ? t.ToString() : null, out var range, out _);
        return new DashboardFilter(profile, _profiles, range.From, range.To);
    }
}
