using System.Text.Json;
using Insights.Analytics.Jobs;
using Insights.Analytics.Reports;
using Insights.Dashboard.Reports;

namespace Insights.Dashboard.Jobs;

/// <summary>What a report job makes: a profile's report for a range, in one format; <see cref="ScheduleId"/> set for scheduled ones.</summary>
public sealed record ReportJobPayload(int ProfileId, string ProfileName, DateOnly? From, DateOnly? To, string Format, long? ScheduleId = null);

/// <summary>Where the finished report lies, for the download link.</summary>
public sealed record ReportJobResult(string FileName, string Path, string ContentType, long Bytes);

/// <summary>
/// Builds a report in the background. Idempotent: the file is named by the job (or, for a schedule, by the
/// profile and period) and replaced whole, so a job run again after a restart writes the same file.
/// </summary>
public sealed class ReportJobHandler(ReportService reports) : IJobHandler
{
    public const string JobKind = "report";

    public string Kind => JobKind;

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<ReportJobPayload>(job.PayloadJson) ?? throw new InvalidOperationException("The report job has no payload.");
        if (!ReportFormats.TryParse(payload.Format, out var format))
            throw new InvalidOperationException($"Unknown report format '{payload.Format}'.");
        var fileName = ReportFormats.FileName(payload.ProfileName, payload.From, payload.To, format);
        var path = payload.ScheduleId is null
            ? Path.Combine(reports.GeneratedFolder, $"{job.Id}-{fileName}")
            : Path.Combine(reports.ScheduledFolder, fileName);
        var steps = new InlineProgress<ReportStep>(s => progress.Report(s.Done, s.Total + 1, s.Message));
        var bytes = await reports.WriteFileAsync(new ReportRequest(payload.ProfileId, payload.From, payload.To), format, path, steps, cancellationToken);
        progress.Report(1, 1, $"Written {fileName}");
        return JsonSerializer.Serialize(new ReportJobResult(fileName, path, format.ContentType(), bytes));
    }
}
