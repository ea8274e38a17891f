using System.Text.Json;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// What an import job imports: files already kept in the upload store (the Import page, the API), or files and
/// folders on the worker's disk (<paramref name="Paths"/>, the command line run on the server); the platform
/// chosen, or null to tell it from the headers.
/// </summary>
public sealed record ImportJobPayload(int ProfileId, List<ImportJobFile> Files, List<string>? Paths = null, string? Platform = null);

public sealed record ImportJobFile(string Name, string StoredPath, long Bytes);

/// <summary>Imports uploaded files in the background, file by file, through the one import code path; deletes the uploads it refused.</summary>
public sealed class ImportJobHandler(ImportService imports, IFileStore fileStore, StorageRetention retention) : IJobHandler
{
    public const string JobKind = "import";

    public string Kind => JobKind;

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<ImportJobPayload>(job.PayloadJson) ?? throw new InvalidOperationException("The import job has no payload.");
        // Run again after a stop: the history rows the cut-off attempt left "running" are finished as interrupted.
        if (job.Attempts > 1)
            await imports.FinishInterruptedAsync(payload.ProfileId, payload.Files.Select(f => f.StoredPath).ToList(), cancellationToken);
        var done = 0;
        var reports = new List<ImportReport>();
        if (payload.Paths is { Count: > 0 } paths)
        {
            var rows = new InlineProgress<ImportProgress>(p => progress.Report(reports.Count, paths.Count, $"{p.File}: {p.Done:N0} rows read"));
            reports.AddRange(await imports.ImportPathsAsync(payload.ProfileId, paths, rows, cancellationToken, payload.Platform));
        }
        // Posts first, so labels and media of the same upload find their posts.
        foreach (var file in payload.Files.OrderBy(f => ImportOrder(f.Name)))
        {
            await using var stream = fileStore.OpenRead(file.StoredPath);
            var before = done;
            var rows = new InlineProgress<ImportProgress>(p => progress.Report(before, payload.Files.Count, $"{p.File}: {p.Done:N0} rows read"));
            progress.Report(before, payload.Files.Count, $"{file.Name}: starting");
            reports.Add(await imports.ImportFileAsync(payload.ProfileId, file.Name, stream, rows, cancellationToken, payload.Platform));
            progress.Report(++done, payload.Files.Count, $"{file.Name}: done");
        }
        // A refused file keeps nothing: its upload goes (the import's history row keeps the reasons).
        foreach (var refused in reports.Where(r => !r.Succeeded && r.StoredPath is not null))
            await retention.DiscardUploadAsync(refused.StoredPath!, job.Id, cancellationToken);
        // As the API does: a profile whose every file was refused, and that never held data, is not left behind empty.
        if (reports.Count > 0 && reports.All(r => !r.Succeeded))
            await imports.RemoveIfNeverImportedAsync(payload.ProfileId, CancellationToken.None);
        return JsonSerializer.Serialize(reports);
    }

    /// <summary>Where a file goes in an upload of several: posts, followers, labels, then media (by name, as the files are not read yet).</summary>
    internal static int ImportOrder(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.EndsWith(".zip", StringComparison.Ordinal)) return 3;
        if (lower.Contains("label", StringComparison.Ordinal)) return 2;
        if (lower.Contains("follower", StringComparison.Ordinal)) return 1;
        return 0;
    }
}
