using System.Text.Json;
using Insights.Analytics.Domain;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Profiles;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Api;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace Insights.Dashboard.Components.Pages.Import;

public partial class Import : IDisposable
{
    private const int MaxFiles = 20;

    private readonly List<ChosenFile> _files = [];
    private string _profileName = "";
    private bool _uploading;
    private string? _uploadError;
    private JobSnapshot? _job;
    private List<ImportReport> _reports = [];
    private List<ImportRecord> _history = [];
    private string? _historyProfile;
    private IDisposable? _subscription;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required ImportService Imports { get; init; }

    [Inject] public required IFileStore FileStore { get; init; }

    [Inject] public required JobQueue Queue { get; init; }

    [Inject] public required JobProgressHub Hub { get; init; }

    [Inject] public required ProfileAccess Access { get; init; }

    [Inject] public required IAuditLog Audit { get; init; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (string.IsNullOrEmpty(_profileName))
            _profileName = Filter.Profile?.Name ?? "";
        _history = Filter.Profile is null ? [] : await Imports.RecentAsync(Filter.Profile.Id);
        _historyProfile = Filter.Profile?.Name;
    }

    private async Task OnFilesChosen(InputFileChangeEventArgs e)
    {
        _uploadError = null;
        _uploading = true;
        _files.Clear();
        try
        {
            foreach (var file in e.GetMultipleFiles(MaxFiles))
            {
                // Kept in the upload store first: the import job reads it from there, even after a restart.
                await using var browser = file.OpenReadStream(ImportEndpoints.MaxUploadBytes);
                var stored = await FileStore.SaveAsync("uploads", browser, Path.GetExtension(file.Name));
                await using var saved = FileStore.OpenRead(stored.RelativePath);
                _files.Add(new ChosenFile(file.Name, stored.RelativePath, stored.Bytes, ImportService.Preview(file.Name, saved)));
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            _uploadError = $"The upload did not complete: {ex.Message}";
        }
        finally
        {
            _uploading = false;
        }
    }

    private async Task StartImport()
    {
        var name = _profileName.Trim();
        var user = AuthenticationState is null ? new System.Security.Claims.ClaimsPrincipal() : (await AuthenticationState).User;
        // The same rule as the API: an existing profile must be granted; a new one is granted to whoever creates it.
        var existing = await Access.Catalog.FindAsync(name);
        if (existing is not null && !await Access.CanSeeAsync(user, existing.Id))
        {
            _uploadError = $"You cannot import into '{name}': choose another profile name, or ask an administrator for access.";
            return;
        }
        if (existing is null && ProfileNames.Problem(name) is { } problem)
        {
            _uploadError = problem;
            return;
        }
        var profile = existing ?? await Imports.EnsureProfileAsync(name);
        if (existing is null && !ProfileAccess.SeesAll(user))
            await Access.GrantAsync(ProfileAccess.UserId(user), profile.Id);
        await Audit.WriteAsync(user, AuditActions.Import, $"import of {string.Join(", ", _files.Select(f => f.Name))} into '{profile.Name}' queued from the Import page");
        var payload = new ImportJobPayload(profile.Id, _files.Select(f => new ImportJobFile(f.Name, f.StoredPath, f.Bytes)).ToList());
        var title = _files.Count == 1 ? $"Import {_files[0].Name}" : $"Import {_files.Count} files";
        _reports = [];
        _subscription?.Dispose();
        _subscription = Hub.Subscribe(OnJobChanged);
        var id = await Queue.EnqueueAsync(ImportJobHandler.JobKind, title, profile.Id, JsonSerializer.Serialize(payload));
        _job = Hub.Get(id) ?? new JobSnapshot(id, ImportJobHandler.JobKind, profile.Id, title, JobStatus.Queued, 0, 0, null, null, null, null);
        _files.Clear();
    }

    private void OnJobChanged(JobSnapshot snapshot)
    {
        if (snapshot.Id != _job?.Id)
            return;
        _job = snapshot;
        if (!snapshot.IsActive)
        {
            _reports = snapshot.ResultJson is { } json ? JsonSerializer.Deserialize<List<ImportReport>>(json) ?? [] : [];
            _ = InvokeAsync(async () =>
            {
                if (_job.ProfileId is { } profileId)
                {
                    _history = await Imports.RecentAsync(profileId);
                    _historyProfile = _profileName.Trim();
                }
                StateHasChanged();
            });
            return;
        }
        _ = InvokeAsync(StateHasChanged);
    }

    private static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };

    public void Dispose() => _subscription?.Dispose();

    private sealed record ChosenFile(string Name, string StoredPath, long Bytes, ImportPreview Preview);
}
