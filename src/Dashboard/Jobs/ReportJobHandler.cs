using System.Security.Cryptography;
using System.Text.Json;
using Insights.Analytics.Jobs;
using Insights.Analytics.Reports;
using Insights.Dashboard.Reports;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// What a report job makes: a profile's report for a range, in one format; <see cref="ScheduleId"/> set for scheduled
/// ones; <see cref="Sections"/> the chosen sections' codes ("popularity,labels"; null for the default sections);
/// <see cref="CompareWith"/> the ids of the profiles to compare it with (null in payloads stored before there was a
/// comparison: one profile). Whoever queues the job checks that its user may see every one of them.
/// </summary>
public sealed record ReportJobPayload(int ProfileId, string ProfileName, DateOnly? From, DateOnly? To, string Format, long? ScheduleId = null, string? Sections = null,
    IReadOnlyList<int>? CompareWith = null);

/// <summary>
/// Where the finished report lies, for the download link: <see cref="FileName"/> is the name offered to the browser,
/// <see cref="Path"/> the stored file (named by ids), <see cref="Sha256"/> the hash of what the job wrote, checked before serving.
/// </summary>
public sealed record ReportJobResult(string FileName, string Path, string ContentType, long Bytes, string? Sha256 = null);

/// <summary>
/// Builds a report in the background. The stored file is named by ids only (profile, schedule, job), never by the
/// profile's name: two profiles whose names sanitise alike must never share a file. Idempotent: a job run again
/// after a restart writes the same file again, replaced whole.
/// </summary>
public sealed class ReportJobHandler(ReportService reports) : IJobHandler
{
    public const string JobKind = "report";

    public string Kind => JobKind;

    /// <summary>The stored file's name of job <paramref name="jobId"/>: ids and the period, nothing a user typed.</summary>
    public static string StoredFileName(long jobId, ReportJobPayload payload, ReportFormat format)
    {
        var period = $"{payload.From?.ToString("yyyy-MM-dd") ?? "start"}-{payload.To?.ToString("yyyy-MM-dd") ?? "end"}";
        var schedule = payload.ScheduleId is { } id ? $"schedule-{id}-" : "";
        return $"profile-{payload.ProfileId}-{schedule}{period}-job-{jobId}{format.Extension()}";
    }

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<ReportJobPayload>(job.PayloadJson) ?? throw new InvalidOperationException("The report job has no payload.");
        if (!ReportFormats.TryParse(payload.Format, out var format))
            throw new InvalidOperationException($"Unknown report format '{payload.Format}'.");
        var fileName = ReportFormats.FileName(payload.ProfileName, payload.From, payload.To, format);
        var folder = payload.ScheduleId is null ? reports.GeneratedFolder : reports.ScheduledFolder;
        var path = Path.Combine(folder, StoredFileName(job.Id, payload, format));
        var steps = new InlineProgress<ReportStep>(s => progress.Report(s.Done, s.Total + 1, s.Message));
        if (!ReportSectionNames.TryParse(payload.Sections, out var sections, out var error))
            throw new InvalidOperationException(error);
        var bytes = await reports.WriteFileAsync(new ReportRequest(payload.ProfileId, payload.From, payload.To, sections, payload.CompareWith), format, path, steps, cancellationToken);
        string sha256;
        await using (var written = File.OpenRead(path))
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(written, cancellationToken));
        progress.Report(1, 1, $"Written {fileName}");
        return JsonSerializer.Serialize(new ReportJobResult(fileName, path, format.ContentType(), bytes, sha256));
    }
}
