using Insights.Analytics.Compare;
using Insights.Analytics.Engagement;
using Insights.Analytics.Extensions;
using Insights.Analytics.Reports;
using Insights.Analytics.Storage;
using Insights.Dashboard.Compare;
using Insights.Dashboard.Configuration;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Labels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Reports;

/// <summary>
/// Builds and writes reports for the page, the API, the command line and schedules: the automatic labels come
/// from <see cref="PostLabelSource"/>; the drivers model is the one given, else the profile's stored one
/// (<see cref="DriversStore"/>): reports never train their own. A report asked to compare the profile with others gets
/// the Compare page's figures (<see cref="CompareService"/>) as its comparison section.
/// </summary>
public sealed class ReportService(
    ReportBuilder builder,
    CompareService comparison,
    IDbContextFactory<InsightsDbContext> contextFactory,
    PostLabelSource labels,
    DriversStore drivers,
    IOptions<ReportOptions> options,
    IOptions<StorageOptions> storage,
    DashboardPaths paths,
    ILogger<ReportService> logger)
{
    /// <summary>Where scheduled reports go: Reports:Folder, else "reports/scheduled" in the data directory.</summary>
    public string ScheduledFolder => string.IsNullOrWhiteSpace(options.Value.Folder)
        ? Path.Combine(DataDirectory, "reports", "scheduled")
        : paths.Resolve(options.Value.Folder);

    /// <summary>Where reports made on request (the page) are kept for download.</summary>
    public string GeneratedFolder => Path.Combine(DataDirectory, "reports", "generated");

    private string DataDirectory => ServiceCollectionExtensions.DataDirectory(storage.Value, paths.BaseDirectory);

    /// <param name="format">A CSV holds the posts alone, so it is built without label tables, drivers or thumbnails.</param>
    public async Task<ReportContent> BuildAsync(ReportRequest request, ReportFormat format = ReportFormat.Pdf, DriversModel? model = null, IProgress<ReportStep>? progress = null, CancellationToken cancellationToken = default)
    {
        var automatic = await labels.AutomaticLabelsAsync(request.ProfileId, cancellationToken);
        var postsOnly = format == ReportFormat.Csv;
        if (!postsOnly && request.Sections.HasFlag(ReportSections.Drivers))
            model ??= StoredDrivers(request.ProfileId);
        var content = await builder.BuildAsync(request, automatic.Count > 0 ? automatic : null, model, progress, cancellationToken, postsOnly, trainDrivers: false);
        return content with { Comparison = await CompareAsync(request, cancellationToken) };
    }

    /// <summary>
    /// The comparison section's figures, from the Compare page's own computation: the report's profile first, then
    /// the others asked for that still exist (access is checked where the report is asked for). Null for one profile.
    /// </summary>
    private async Task<CompareModel?> CompareAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var others = (request.CompareWith ?? []).Where(id => id != request.ProfileId).Distinct().Take(CompareService.MaxProfiles - 1).ToList();
        if (others.Count == 0)
            return null;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ids = others.Prepend(request.ProfileId).ToList();
        var found = await context.Profiles.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var profiles = ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
        if (profiles.Count < 2)
            return null;
        return await comparison.BuildAsync(profiles, request.From, request.To, cancellationToken);
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

    /// <summary>
    /// The profile's stored drivers model (trained by the drivers job; the newest one serves while a retrain runs). A
    /// report never trains its own: without a stored model the report says it has none.
    /// </summary>
    private DriversModel? StoredDrivers(int profileId)
    {
        if (!options.Value.TrainDrivers || options.Value.TopDrivers == 0)
            return null;
        var model = drivers.GetModel(profileId);
        if (model is null)
            logger.LogInformation("No stored drivers model for profile {Profile}: the report has no drivers section", profileId);
        return model;
    }
}
