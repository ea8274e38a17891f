using System.Security.Claims;
using System.Text.Json;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Profiles;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Jobs;
using Microsoft.AspNetCore.Mvc;

namespace Insights.Dashboard.Api;

public static class ImportEndpoints
{
    /// <summary>Largest upload the import endpoint takes: a million-row export is about 100 MB. 2 GB.</summary>
    public const long MaxUploadBytes = 2L * 1024 * 1024 * 1024;

    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/profiles/{profile}/imports", async (string profile, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, IAuditLog audit, ImportService imports, IFileStore files, JobQueue queue, CancellationToken cancellationToken) =>
        {
            // An existing profile the caller may not see answers as if it did not exist; a new one is created and granted to its creator.
            var existing = await access.Catalog.FindAsync(profile, cancellationToken);
            if (existing is not null && !await access.CanSeeAsync(user, existing.Id, cancellationToken))
                return ApiProblems.NotFound($"No profile '{profile}'.");
            if (!request.HasFormContentType)
                return ApiProblems.BadRequest("Send the files as multipart/form-data.", "file");
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.Count == 0)
                return ApiProblems.BadRequest("The request has no file.", "file");
            if (existing is null && ProfileNames.Problem(profile) is { } problem)
                return ApiProblems.BadRequest(problem, "profile");

            var target = existing ?? await imports.EnsureProfileAsync(profile, "instagram", cancellationToken);
            if (existing is null && !ProfileAccess.SeesAll(user))
                await access.GrantAsync(ProfileAccess.UserId(user), target.Id, cancellationToken);
            // The import runs as a job like every long work (any worker may take it); the request waits for it and answers with its outcome.
            var uploads = new List<ImportJobFile>();
            foreach (var file in form.Files)
            {
                await using var stream = file.OpenReadStream();
                var stored = await files.SaveAsync("uploads", stream, Path.GetExtension(file.FileName), cancellationToken);
                uploads.Add(new ImportJobFile(file.FileName, stored.RelativePath, stored.Bytes));
            }
            var id = await queue.EnqueueAsync(ImportJobHandler.JobKind, $"Import {string.Join(", ", uploads.Select(f => f.Name))} into '{target.Name}'", target.Id,
                JsonSerializer.Serialize(new ImportJobPayload(target.Id, uploads)), cancellationToken);
            var job = await queue.WaitFinishedAsync(id, cancellationToken);
            if (job.Status != JobStatus.Succeeded)
                return Results.Problem(title: "The import failed.", detail: job.Error, statusCode: StatusCodes.Status500InternalServerError,
                    extensions: new Dictionary<string, object?> { ["job"] = id });
            var reports = JsonSerializer.Deserialize<List<ImportReport>>(job.ResultJson ?? "[]") ?? [];

            await audit.WriteAsync(user, AuditActions.Import, $"API import into '{target.Name}': " + string.Join("; ", reports.Select(r =>
                r.Succeeded ? $"{r.File} ({r.Kind}) {r.Inserted} inserted, {r.Updated} updated" : $"{r.File} refused, {r.ErrorCount} error(s)")), CancellationToken.None);
            var summary = reports.Select(r => new { file = r.File, kind = r.Kind, rowsRead = r.RowsRead, inserted = r.Inserted, updated = r.Updated, warnings = r.Warnings }).ToList();
            if (reports.All(r => r.Succeeded))
                return Results.Ok(new { profile = target.Name, job = id, inserted = reports.Sum(r => r.Inserted), updated = reports.Sum(r => r.Updated), files = summary });

            var failed = reports.Where(r => !r.Succeeded).ToList();
            if (failed.Count == reports.Count)
                await imports.RemoveIfNeverImportedAsync(target.Id, CancellationToken.None);
            return Results.Problem(
                title: "The import has errors; nothing was written from the files listed in 'errors'.",
                detail: $"{failed.Sum(r => r.ErrorCount)} error(s) in {string.Join(", ", failed.Select(r => r.File))}.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = failed.SelectMany(r => r.Errors).Select(e => new { file = e.File, line = e.Line, column = e.Column, reason = e.Reason }),
                    ["errorCount"] = failed.Sum(r => r.ErrorCount),
                    ["imported"] = summary.Where(s => reports.First(r => r.File == s.file).Succeeded),
                });
        })
        .WithTags("Imports")
        .RequireAuthorization(Policies.Import)
        .Produces(StatusCodes.Status200OK, contentType: "application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBytes })
        .DisableAntiforgery()
        .WithSummary("Imports posts (CSV or JSON Lines), follower snapshots, manual labels or a media zip into the profile (created if new). 200 with counts, or 422 with every error (file, line, column, reason).");
    }
}
