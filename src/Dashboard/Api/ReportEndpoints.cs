using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Insights.Dashboard.Accounts;
using Insights.Analytics.Jobs;
using Insights.Analytics.Reports;
using Insights.Dashboard.Compare;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Model;
using Insights.Dashboard.Reports;

namespace Insights.Dashboard.Api;

public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/profiles/{profile}/reports", async (string profile, string? from, string? to, string? format, string? sections, string? compare, ClaimsPrincipal user, ProfileAccess catalog, ReportService reports, IAuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            // Profile first: a bad argument must not tell a caller that a profile they may not see exists.
            var found = await catalog.FindAsync(user, profile, cancellationToken);
            if (found is null)
                return ApiProblems.NotFound($"No profile '{profile}'.");
            if (!ReportFormats.TryParse(format ?? "pdf", out var chosen))
                return ApiProblems.BadRequest($"format: '{format}' is not a report format (pdf, xlsx or csv).", "format");
            if (!ReportSectionNames.TryParse(sections, out var chosenSections, out var sectionsError))
                return ApiProblems.BadRequest(sectionsError, "sections");
            if (!DayRange.TryParse(from, to, out var range, out var error))
                return ApiProblems.BadRequest(error, error.StartsWith("from", StringComparison.Ordinal) ? "from" : "to");
            var others = (compare ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            if (others.Count > CompareService.MaxProfiles - 1)
                return ApiProblems.BadRequest($"compare: at most {CompareService.MaxProfiles - 1} other profiles.", "compare");
            var compared = new List<int>();
            foreach (var name in others)
            {
                // As for the report's own profile: one the caller may not see answers as one that does not exist.
                var other = await catalog.FindAsync(user, name, cancellationToken);
                if (other is null)
                    return ApiProblems.NotFound($"No profile '{name}' to compare with.");
                if (other.Id != found.Id)
                    compared.Add(other.Id);
            }
            await audit.WriteAsync(user, AuditActions.Export, $"{chosen} report of '{found.Name}' ({from ?? "start"} to {to ?? "end"}) through the API", cancellationToken);
            var content = await reports.BuildAsync(new ReportRequest(found.Id, range.From, range.To, chosenSections, compared), chosen, cancellationToken: cancellationToken);
            return Results.Stream(stream => ReportService.WriteAsync(content, chosen, stream, cancellationToken),
                chosen.ContentType(), ReportFormats.FileName(found.Name, range.From, range.To, chosen));
        })
        .WithTags("Reports")
        .RequireAuthorization(Policies.Reports)
        .WithSummary("A report of the profile for the range (whole history without from/to): format=pdf (default), xlsx or csv, as a file download; sections=popularity,labels,drivers,best,posts,sensitive picks the parts (default: all but sensitive); compare=b,c adds a comparison with those profiles (404 for one the caller may not see).");

        app.MapGet("/api/reports/{job:long}/file", async (long job, JobQueue queue, ClaimsPrincipal user, ProfileAccess access, CancellationToken cancellationToken) =>
        {
            var found = await queue.GetAsync(job, cancellationToken);
            if (found is null || found.Kind != ReportJobHandler.JobKind || found.ProfileId is not { } profileId || !await access.CanSeeAsync(user, profileId, cancellationToken))
                return ApiProblems.NotFound($"No report job {job}.");
            if (found.Status != JobStatus.Succeeded || found.ResultJson is null)
                return ApiProblems.NotFound($"Report job {job} has not finished ({found.Status.ToString().ToLowerInvariant()}).");
            var result = JsonSerializer.Deserialize<ReportJobResult>(found.ResultJson);
            var payload = JsonSerializer.Deserialize<ReportJobPayload>(found.PayloadJson);
            // A report comparing several profiles shows all of them: the caller must see every one.
            foreach (var other in payload?.CompareWith ?? [])
                if (!await access.CanSeeAsync(user, other, cancellationToken))
                    return ApiProblems.NotFound($"No report job {job}.");
            if (result is null || payload is null || payload.ProfileId != profileId || !ReportFormats.TryParse(payload.Format, out var format) || result.Sha256 is null
                || Path.GetFileName(result.Path) != ReportJobHandler.StoredFileName(found.Id, payload, format))
                return ApiProblems.NotFound($"Report job {job} has no file of its own to download; run the report again.");
            // One open file is hashed and then served, so what is checked is what is sent.
            FileStream file;
            try
            {
                file = File.OpenRead(result.Path);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return ApiProblems.NotFound($"The file of report job {job} is gone.");
            }
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            if (!string.Equals(sha256, result.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                await file.DisposeAsync();
                return ApiProblems.NotFound($"The file of report job {job} was changed after the job wrote it; run the report again.");
            }
            file.Position = 0;
            return Results.File(file, result.ContentType, result.FileName);
        })
        .WithTags("Reports")
        .RequireAuthorization(Policies.Reports)
        .WithSummary("The file a finished report job wrote (the Reports page's download link).");
    }
}
