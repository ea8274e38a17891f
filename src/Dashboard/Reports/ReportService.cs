using System.Collections.Concurrent;
using Insights.Analytics.Engagement;
using Insights.Analytics.Extensions;
using Insights.Analytics.Reports;
using Insights.Analytics.Storage;
using Insights.Dashboard.Configuration;
using Insights.Dashboard.Labels;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Reports;

/// <summary>
/// Builds and writes reports for the page, the API, the command line and schedules: the automatic labels come
/// from <see cref="PostLabelSource"/>; a drivers model is taken when given, else trained once per profile and
/// kept until the profile's data or labels change.
/// </summary>
public sealed class ReportService(
    ReportBuilder builder,
    EngagementService engagement,
    PostLabelSource labels,
    IOptions<ReportOptions> options,
    IOptions<StorageOptions> storage,
    DashboardPaths paths,
    ILogger<ReportService> logger)
{
    private readonly ConcurrentDictionary<int, (string Stamp, DriversModel Model)> _drivers = new();

    /// <summary>Where scheduled reports go: Reports:Folder, else "reports/scheduled" in the data directory.</summary>
    public string ScheduledFolder => string.IsNullOrWhiteSpace(options.Value.Folder)
        ? Path.Combine(DataDirectory, "reports", "scheduled")
        : paths.Resolve(options.Value.Folder);

    /// <summary>Where reports made on request (the page) are kept for download.</summary>
    public string GeneratedFolder => Path.Combine(DataDirectory, "reports", "generated");

    private string DataDirectory => ServiceCollectionExtensions.DataDirectory(storage.Value, paths.BaseDirectory);

    /// <param name="format">A CSV holds the posts alone, so it is built without label tables, drivers or thumbnails.</param>
    public async Task<ReportContent> BuildAsync(ReportRequest request, ReportFormat format = ReportFormat.Pdf, DriversModel? drivers = null, IProgress<ReportStep>? progress = null, CancellationToken cancellationToken = default)
    {
        var automatic = await labels.AutomaticLabelsAsync(request.ProfileId, cancellationToken);
        var postsOnly = format == ReportFormat.Csv;
        if (!postsOnly && request.Sections.HasFlag(ReportSections.Drivers))
            drivers ??= await DriversAsync(request.ProfileId, automatic, progress, cancellationToken);
        return await builder.BuildAsync(request, automatic.Count > 0 ? automatic : null, drivers, progress, cancellationToken, postsOnly);
    }

    public static Task WriteAsync(ReportContent content, ReportFormat format, Stream output, CancellationToken cancellationToken = default) => format switch
    {
        ReportFormat.Pdf => PdfReportWriter.WriteAsync(content, output, cancellationToken),
        ReportFormat.Xlsx => XlsxReportWriter.WriteAsync(content, output, cancellationToken),
        _ => CsvReportWriter.WriteAsync(content, output, cancellationToken),
    };

    /// <summary>Builds the report and writes it to <paramref name="path"/> (through a temporary file, so a reader never sees half a report).</summary>
    public async Task<long> WriteFileAsync(ReportRequest request, ReportFormat format, string path, IProgress<ReportStep>? progress = null, CancellationToken cancellationToken = default)
    {
        var content = await BuildAsync(request, format, progress: progress, cancellationToken: cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".partial";
        await using (var file = File.Create(temporary))
            await WriteAsync(content, format, file, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return new FileInfo(path).Length;
    }

    private async Task<DriversModel?> DriversAsync(int profileId, IReadOnlyDictionary<long, AutomaticLabels> automatic, IProgress<ReportStep>? progress, CancellationToken cancellationToken)
    {
        if (!options.Value.TrainDrivers || options.Value.TopDrivers == 0)
            return null;
        var stamp = await labels.StampAsync(profileId, cancellationToken);
        if (_drivers.TryGetValue(profileId, out var cached) && cached.Stamp == stamp)
            return cached.Model;
        progress?.Report(new ReportStep(0, 5, "Training the drivers model (once per profile and data version)"));
        try
        {
            var model = await engagement.TrainDriversAsync(profileId, automatic.Count > 0 ? automatic : null, cancellationToken: cancellationToken);
            _drivers[profileId] = (stamp, model);
            return model;
        }
        catch (InvalidOperationException ex)
        {
            logger.LogInformation("No drivers model for profile {Profile}: {Reason}", profileId, ex.Message);
            return null;
        }
    }
}
