using System.Globalization;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Model;
using Insights.Dashboard.Prediction;
using Insights.Inference;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Components.Pages.CustomLabels;

/// <summary>Lists a profile's custom labels and, for roles that may import, defines new ones from example images or deletes them.</summary>
public partial class CustomLabels : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<CustomLabelView>? _labels;
    private string _name = "";
    private IReadOnlyList<IBrowserFile>? _examples;
    private IReadOnlyList<IBrowserFile>? _counters;
    private bool _busy;
    private string? _error;

    [CascadingParameter] public DashboardFilter Filter { get; set; } = DashboardFilter.Empty;

    [CascadingParameter] public Task<AuthenticationState>? Authentication { get; set; }

    [Inject] public required CustomLabelService Custom { get; init; }

    [Inject] public required IOptions<LabelOptions> Limits { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        if (Filter.Profile is not null)
            _labels = await Custom.ListAsync(Filter.Profile.Id, _stop.Token);
    }

    private string LabelsLink(CustomLabelView label) => $"/labels{Filter.QueryString}{(Filter.QueryString.Length == 0 ? "?" : "&")}category={Uri.EscapeDataString(label.Category)}";

    private static string FitWords(CustomLabelView label) =>
        $"{Percent(label.ExampleRecall)} of examples pass" + (label.CounterRejection is { } r ? $", {Percent(r)} of counter-examples stay out" : ", no counter-examples");

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private async Task CreateAsync()
    {
        if (Filter.Profile is not { } profile)
            return;
        _busy = true;
        _error = null;
        StateHasChanged();
        try
        {
            var examples = await ReadAsync(_examples);
            var counters = await ReadAsync(_counters);
            var user = Authentication is null ? null : (await Authentication).User;
            await Custom.CreateAsync(profile.Id, _name.Trim(), examples, counters, CurrentUser.Id(user), _stop.Token);
            _name = "";
            _examples = null;
            _counters = null;
            _labels = await Custom.ListAsync(profile.Id, _stop.Token);
        }
        catch (Exception ex) when (ex is CustomLabelException or MediaRejectedException or ModelUnavailableException or Prediction.PredictionQueueFullException or IOException)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Copies each chosen image into memory (within the image byte limit), naming any that is too large.</summary>
    private async Task<List<(string FileName, Stream Content)>> ReadAsync(IReadOnlyList<IBrowserFile>? files)
    {
        files ??= [];
        var limit = Limits.Value.MaxImageBytes;
        var result = new List<(string, Stream)>(files.Count);
        foreach (var file in files)
        {
            if (file.Size > limit)
                throw new MediaRejectedException(MediaRejection.TooManyBytes, $"{file.Name}: {file.Size:N0} bytes is more than the limit of {limit:N0}");
            var memory = new MemoryStream();
            await using (var stream = file.OpenReadStream(limit, _stop.Token))
                await stream.CopyToAsync(memory, _stop.Token);
            memory.Position = 0;
            result.Add((file.Name, memory));
        }
        return result;
    }

    private async Task DeleteAsync(CustomLabelView label)
    {
        if (Filter.Profile is not { } profile)
            return;
        await Custom.DeleteAsync(profile.Id, label.Name, _stop.Token);
        _labels = await Custom.ListAsync(profile.Id, _stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
