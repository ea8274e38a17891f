using Insights.Analytics.Profiles;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Profiles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Insights.Dashboard.Components.Pages.Profiles;

public partial class Profiles
{
    [Inject] public required ProfileAccess Access { get; init; }

    [Inject] public required ProfileManagement Management { get; init; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private List<ProfileSummary> _profiles = [];
    private ProfileSummary? _editing;
    private ProfileSummary? _deleting;
    private string _newName = "";
    private string _newPlatform = "";
    private string? _newTimeZone;
    private string _confirmation = "";
    private string? _message;
    private Severity _messageSeverity = Severity.Success;

    protected override async Task OnInitializedAsync() => await ReloadAsync();

    private async Task ReloadAsync() => _profiles = await Access.ListAsync((await AuthenticationState).User);

    private void Edit(ProfileSummary profile)
    {
        _deleting = null;
        _editing = profile;
        _newName = profile.Name;
        _newPlatform = profile.Platform;
        _newTimeZone = profile.TimeZone;
    }

    /// <summary>The IANA zones containing what was typed (any part, case-insensitive), at most 50.</summary>
    private Task<IEnumerable<string>> SearchZones(string? typed, CancellationToken cancellationToken) =>
        Task.FromResult(ProfileTimeZones.All.Where(z => string.IsNullOrWhiteSpace(typed) || z.Contains(typed.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)).Take(50));

    private void AskDelete(ProfileSummary profile)
    {
        _editing = null;
        _deleting = profile;
        _confirmation = "";
    }

    private async Task SaveAsync()
    {
        var user = (await AuthenticationState).User;
        // Looked up again as the user: a profile they may no longer see is not changed.
        if (_editing is null || await Access.FindAsync(user, _editing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not { } profile)
            return;
        var problem = ProfileNames.Problem(_newName.Trim()) ?? await Management.UpdateAsync(user, profile, _newName, _newPlatform, _newTimeZone ?? "");
        Say(problem ?? $"Saved “{_newName.Trim()}”.", problem is null ? Severity.Success : Severity.Error);
        if (problem is null)
        {
            _editing = null;
            await ReloadAsync();
        }
    }

    private async Task DeleteAsync()
    {
        var user = (await AuthenticationState).User;
        if (_deleting is null || _confirmation != _deleting.Name
            || await Access.FindAsync(user, _deleting.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not { } profile)
            return;
        var deleted = await Management.DeleteAsync(user, profile);
        Say(deleted is null
            ? $"“{_deleting.Name}” was already deleted."
            : $"Deleted “{deleted.Name}”: {deleted.Posts:N0} posts, {deleted.MediaFiles:N0} media files that only it used.", Severity.Success);
        _deleting = null;
        await ReloadAsync();
    }

    private void Say(string message, Severity severity)
    {
        _message = message;
        _messageSeverity = severity;
    }
}
