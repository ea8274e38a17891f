using System.Text.Json;
using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Analytics.Reports;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Compare;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Model;
using Insights.Dashboard.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Insights.Dashboard.Components.Pages.Reports;

public partial class Reports : IDisposable
{
    private string _format = "pdf";
    private JobSnapshot? _job;
    private List<BackgroundJob> _recent = [];
    private List<ReportSchedule> _schedules = [];
    private ReportCadence _cadence = ReportCadence.Weekly;
    private string _scheduleFormat = "pdf";
    private ReportSections _sections = ReportSections.Default;
    private IDisposable? _subscription;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [Inject] public required JobQueue Queue { get; init; }

    [Inject] public required JobProgressHub Hub { get; init; }

    [Inject] public required ReportService ReportService { get; init; }

    [Inject] public required ReportSchedules Schedules { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required AuthenticationStateProvider Authentication { get; init; }

    /// <summary>"pdf" (default), "xlsx" or "csv".</summary>
    [SupplyParameterFromQuery(Name = "format")] public string? FormatQuery { get; set; }

    /// <summary>Other profiles to compare the current one with, by name, comma-separated ("b,c"); none by default.</summary>
    [SupplyParameterFromQuery(Name = "compare")] public string? CompareQuery { get; set; }

    /// <summary>
    /// The chosen profiles to compare with: only those in the profile picker (the ones the user may see), never
    /// the current one, at most <see cref="CompareService.MaxProfiles"/> in all.
    /// </summary>
    private IReadOnlyList<ProfileSummary> Compared
    {
        get
        {
            var names = (CompareQuery ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            return Filter.Profiles.Where(p => names.Contains(p.Name) && p.Id != Filter.Profile?.Id).Take(CompareService.MaxProfiles - 1).ToList();
        }
    }

    private IReadOnlyList<ProfileSummary> Comparable => Filter.Profiles.Where(p => p.Id != Filter.Profile?.Id).ToList();

    protected override async Task OnParametersSetAsync()
    {
        _format = ReportFormats.TryParse(FormatQuery, out var format) ? format.ToString().ToLowerInvariant() : "pdf";
        _subscription ??= Hub.Subscribe(OnJobChanged);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (Filter.Profile is null)
            return;
        _recent = await Queue.RecentAsync(Filter.Profile.Id, ReportJobHandler.JobKind, 10);
        _schedules = await Schedules.ListAsync(Filter.Profile.Id);
    }

    private void SetFormat(string format) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("format", format == "pdf" ? null : format));

    private async Task Generate()
    {
        if (Filter.Profile is not { } profile)
            return;
        var compared = Compared;
        var payload = new ReportJobPayload(profile.Id, profile.Name, Filter.From, Filter.To, _format, Sections: ReportSectionNames.Format(_sections),
            CompareWith: compared.Count > 0 ? compared.Select(p => p.Id).ToList() : null);
        var title = $"{_format.ToUpperInvariant()} report of '{profile.Name}'{ComparedText(compared)}, {Filter.RangeText}";
        var id = await Queue.EnqueueAsync(ReportJobHandler.JobKind, title, profile.Id, JsonSerializer.Serialize(payload));
        _job = Hub.Get(id) ?? new JobSnapshot(id, ReportJobHandler.JobKind, profile.Id, title, JobStatus.Queued, 0, 0, null, null, null, null);
        await ReloadAsync();
    }

    private void OnJobChanged(JobSnapshot snapshot)
    {
        if (snapshot.Kind != ReportJobHandler.JobKind || snapshot.ProfileId != Filter.Profile?.Id)
            return;
        if (snapshot.Id == _job?.Id)
            _job = snapshot;
        _ = InvokeAsync(async () =>
        {
            if (!snapshot.IsActive)
                await ReloadAsync();
            StateHasChanged();
        });
    }

    private void OnCompared(IReadOnlyCollection<string> names)
    {
        var chosen = names.Take(CompareService.MaxProfiles - 1).ToList();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("compare", chosen.Count == 0 ? null : string.Join(",", chosen)));
    }

    private static string ComparedText(IReadOnlyList<ProfileSummary> compared) =>
        compared.Count == 0 ? "" : " compared with " + string.Join(", ", compared.Select(p => $"'{p.Name}'"));

    /// <summary>The names of a schedule's compared profiles, as far as the picker knows them.</summary>
    private string ScheduleCompared(ReportSchedule schedule)
    {
        var names = schedule.ComparedProfileIds().Select(id => Filter.Profiles.FirstOrDefault(p => p.Id == id)?.Name ?? $"profile {id}").ToList();
        return names.Count == 0 ? "–" : string.Join(", ", names);
    }

    private void SetSection(ReportSections section, bool on) => _sections = on ? _sections | section : _sections & ~section;

    private async Task AddSchedule()
    {
        if (Filter.Profile is null)
            return;
        // In an interactive handler there is no HTTP request (HttpContext is null or stale): the circuit knows the user.
        var user = ProfileAccess.UserId((await Authentication.GetAuthenticationStateAsync()).User);
        await Schedules.AddAsync(Filter.Profile.Id, _cadence, _scheduleFormat, user, Compared.Select(p => p.Id).ToList());
        await ReloadAsync();
    }

    private async Task Toggle(ReportSchedule schedule, bool enabled)
    {
        await Schedules.SetEnabledAsync(schedule.Id, enabled);
        await ReloadAsync();
    }

    private async Task Remove(ReportSchedule schedule)
    {
        await Schedules.RemoveAsync(schedule.Id);
        await ReloadAsync();
    }

    private static ReportJobResult? Result(string? json) => json is null ? null : JsonSerializer.Deserialize<ReportJobResult>(json);

    private static string ResultName(string? json) => Result(json)?.FileName ?? "report";

    private static string FileSize(string? json) => Result(json)?.Bytes switch
    {
        null => "",
        < 1024 * 1024 and var b => $"{b / 1024.0:0} KB",
        var b => $"{b / 1024.0 / 1024.0:0.0} MB",
    };

    private static string StatusText(BackgroundJob job) => job.Status switch
    {
        JobStatus.Queued => "waiting",
        JobStatus.Running => job.Message ?? "running",
        JobStatus.Succeeded => "done",
        _ => "failed: " + job.Error,
    };

    public void Dispose() => _subscription?.Dispose();
}
