using System.IO.Compression;
using System.Text.Json;
using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
using Insights.Analytics.Ingestion.Platforms;
using Insights.Analytics.Profiles;
using Insights.Analytics.Ingestion.Tables;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Ingestion;

/// <summary>
/// The one code path of every import (page, API, command line): keeps the original, tells what
/// kind of file it is, runs the matching importer in a transaction, and records the outcome.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<InsightsDbContext> contextFactory,
    DatabaseProvider database,
    IFileStore fileStore,
    IOptions<ImportOptions> options,
    TimeProvider clock)
{
    private readonly ImportOptions _options = options.Value;

    /// <summary>
    /// Returns the profile with that name, creating it when new (idempotent under concurrent calls; on <paramref name="platform"/>,
    /// one of <see cref="PlatformCatalog.Names"/>); throws <see cref="ArgumentException"/> when the name cannot name a new profile
    /// (<see cref="ProfileNames.Problem"/>) or the platform is unknown: callers check first.
    /// </summary>
    public async Task<Profile> EnsureProfileAsync(string name, string platform = "instagram", CancellationToken cancellationToken = default)
    {
        if (PlatformCatalog.Problem(platform) is { } platformProblem)
            throw new ArgumentException(platformProblem, nameof(platform));
        platform = PlatformCatalog.Find(platform)!.Name;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var profile = await context.Profiles.FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (profile is not null)
            return profile;
        if (ProfileNames.Problem(name) is { } problem)
            throw new ArgumentException(problem, nameof(name));
        profile = new Profile { Name = name, Platform = platform, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        context.Profiles.Add(profile);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return profile;
        }
        catch (DbUpdateException)
        {
            // Another import created it between our look-up and our insert (the name is unique): that one is ours too.
            if (await FindAsync(name, cancellationToken) is { } created)
                return created;
            throw;
        }
    }

    private async Task<Profile?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
    }

    /// <summary>
    /// Removes a profile that no import has ever changed, so a first upload that fails leaves no
    /// empty profile behind in lists. Returns whether it was removed.
    /// </summary>
    public async Task<bool> RemoveIfNeverImportedAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Profiles.Where(p => p.Id == profileId && p.DataVersion == 0 && !context.Posts.Any(post => post.ProfileId == p.Id))
            .ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>Imports several files in dependency order (posts, then followers, labels, media); each file is its own transaction.</summary>
    /// <param name="platform">The platform the posts exports are from; null tells it from their headers.</param>
    public async Task<List<ImportReport>> ImportPathsAsync(int profileId, IEnumerable<string> paths, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default, string? platform = null)
    {
        var ordered = paths.Select(p => (Path: p, Kind: Directory.Exists(p) ? ImportKind.Media : ImportKinds.GuessFromPath(p)))
            .OrderBy(p => p.Kind).ToList();
        var reports = new List<ImportReport>();
        foreach (var (path, _) in ordered)
        {
            if (Directory.Exists(path))
            {
                reports.Add(await ImportMediaFolderAsync(profileId, path, progress, cancellationToken));
                continue;
            }
            if (!File.Exists(path))
            {
                var missing = new ImportReport(Path.GetFileName(path), "unknown");
                missing.AddError(new ImportError(path, 0, null, "no such file or folder"), _options.MaxReportedErrors);
                reports.Add(missing);
                continue;
            }
            await using var stream = File.OpenRead(path);
            reports.Add(await ImportFileAsync(profileId, Path.GetFileName(path), stream, progress, cancellationToken, platform));
        }
        return reports;
    }

    /// <summary>Imports one uploaded file: a posts export (CSV or JSON Lines), follower snapshots, manual labels, a media zip, or one media file.</summary>
    /// <param name="platform">The platform a posts export is from; null tells it from the header, then the profile's.</param>
    public async Task<ImportReport> ImportFileAsync(int profileId, string fileName, Stream content, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default, string? platform = null)
    {
        var stored = await fileStore.SaveAsync("uploads", content, Path.GetExtension(fileName), cancellationToken);
        ImportKind kind;
        await using (var saved = fileStore.OpenRead(stored.RelativePath))
            kind = await ImportKinds.DetectAsync(fileName, saved, cancellationToken);
        var report = new ImportReport(fileName, kind.ToString().ToLowerInvariant()) { StoredPath = stored.RelativePath };
        var record = await StartRecordAsync(profileId, kind, fileName, stored, cancellationToken);
        var rows = new InlineProgress<long>(n => progress?.Report(new ImportProgress(fileName, n, stored.Bytes)));
        try
        {
            await RunAsync(profileId, kind, fileName, stored, platform, report, rows, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            report.AddError(new ImportError(fileName, 0, null, $"the archive cannot be read ({ex.Message})"), _options.MaxReportedErrors);
        }
        catch (Exception ex)
        {
            await FailRecordAsync(record, report, ex);
            throw;
        }
        await FinishRecordAsync(record, report, cancellationToken);
        return report;
    }

    public async Task<ImportReport> ImportMediaFolderAsync(int profileId, string folder, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var report = new ImportReport(name, "media");
        var record = await StartRecordAsync(profileId, ImportKind.Media, name, null, cancellationToken);
        var rows = new InlineProgress<long>(n => progress?.Report(new ImportProgress(name, n, 0)));
        try
        {
            await NewMediaImporter().ImportAsync(MediaImporter.FromFolder(folder), profileId, report, rows, cancellationToken);
        }
        catch (Exception ex)
        {
            await FailRecordAsync(record, report, ex);
            throw;
        }
        await FinishRecordAsync(record, report, cancellationToken);
        return report;
    }

    /// <summary>
    /// Finishes as failed the history rows of this profile's imports of these stored files that a stopped process
    /// left "running" (their transaction never committed). Called by a job that runs again after a restart, before
    /// it imports the same files anew. Returns how many rows it finished.
    /// </summary>
    public async Task<int> FinishInterruptedAsync(int profileId, IReadOnlyCollection<string> storedPaths, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var left = await context.Imports.Where(i => i.ProfileId == profileId && i.Status == ImportStatus.Running && i.StoredPath != null && storedPaths.Contains(i.StoredPath))
            .ToListAsync(cancellationToken);
        foreach (var record in left)
        {
            record.Status = ImportStatus.Failed;
            record.FinishedUtc = now;
            record.ErrorCount = 1;
            record.ErrorsJson = JsonSerializer.Serialize(new[] { new ImportError(record.FileName, 0, null, "the import was interrupted (the app stopped); nothing was written from it, and it was run again") });
        }
        await context.SaveChangesAsync(cancellationToken);
        return left.Count;
    }

    // A cancelled or crashed import must not stay "running" in the history; its transaction was rolled back.
    private Task FailRecordAsync(ImportRecord record, ImportReport report, Exception exception)
    {
        var reason = exception is OperationCanceledException ? "the import was cancelled; nothing was written" : $"the import stopped: {exception.Message}";
        report.AddError(new ImportError(report.File, 0, null, reason), _options.MaxReportedErrors);
        return FinishRecordAsync(record, report, CancellationToken.None);
    }

    /// <summary>The latest imports of a profile, newest first.</summary>
    public async Task<List<ImportRecord>> RecentAsync(int profileId, int count = 20, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Imports.AsNoTracking().Where(i => i.ProfileId == profileId)
            .OrderByDescending(i => i.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>What the importer would make of a file, without writing anything: its kind, the column mapping, the first rows.</summary>
    /// <param name="chosenPlatform">The platform chosen on the page, or null to tell it from the header.</param>
    public static ImportPreview Preview(string fileName, Stream content, int sampleRows = 5, string? chosenPlatform = null) =>
        ImportKinds.Preview(fileName, content, sampleRows, chosenPlatform);

    private async Task RunAsync(int profileId, ImportKind kind, string fileName, StoredFile stored, string? platform, ImportReport report, IProgress<long> progress, CancellationToken cancellationToken)
    {
        if (kind == ImportKind.Media)
        {
            var importer = NewMediaImporter();
            var path = fileStore.FullPath(stored.RelativePath);
            if (Path.GetExtension(fileName).Equals(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var archive = ZipFile.OpenRead(path);
                await importer.ImportAsync(MediaImporter.FromZip(archive), profileId, report, progress, cancellationToken, ArchiveBudget.ForArchive(stored.Bytes, _options));
            }
            else
            {
                await importer.ImportAsync([new MediaEntry(fileName, stored.Bytes, () => File.OpenRead(path))], profileId, report, progress, cancellationToken);
            }
            return;
        }

        await using var stream = fileStore.OpenRead(stored.RelativePath);
        ITableReader reader;
        try
        {
            reader = ImportKinds.OpenTable(Path.GetExtension(fileName).ToLowerInvariant(), stream);
        }
        catch (TableFormatException ex)
        {
            report.AddError(new ImportError(fileName, ex.Line, null, ex.Message), _options.MaxReportedErrors);
            return;
        }
        using (reader)
        {
            if (reader.Header.Count == 0)
            {
                report.AddError(new ImportError(fileName, 0, null, "the file is empty"), _options.MaxReportedErrors);
                return;
            }
            switch (kind)
            {
                case ImportKind.Posts:
                    await new PostImporter(contextFactory, database, _options).ImportAsync(reader, profileId, platform, report, progress, cancellationToken);
                    break;
                case ImportKind.Followers:
                    await new FollowerImporter(contextFactory, database, _options).ImportAsync(reader, profileId, report, cancellationToken);
                    break;
                case ImportKind.Labels:
                    await new LabelImporter(contextFactory, database, _options).ImportAsync(reader, profileId, report, cancellationToken);
                    break;
            }
            if (reader is ExportTableReader export)
                report.Warnings.AddRange(export.Notes);
        }
    }

    private MediaImporter NewMediaImporter() => new(contextFactory, fileStore, _options, clock);

    private async Task<ImportRecord> StartRecordAsync(int profileId, ImportKind kind, string fileName, StoredFile? stored, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = new ImportRecord
        {
            ProfileId = profileId,
            Kind = kind,
            FileName = fileName.Length > 400 ? fileName[..400] : fileName,
            Sha256 = stored?.Sha256,
            StoredPath = stored?.RelativePath,
            Status = ImportStatus.Running,
            StartedUtc = clock.GetUtcNow().UtcDateTime,
        };
        context.Imports.Add(record);
        await context.SaveChangesAsync(cancellationToken);
        return record;
    }

    private async Task FinishRecordAsync(ImportRecord record, ImportReport report, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.Imports.Attach(record);
        record.Status = report.Succeeded ? ImportStatus.Succeeded : ImportStatus.Failed;
        record.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        record.RowsRead = (int)Math.Min(int.MaxValue, report.RowsRead);
        record.Inserted = report.Inserted;
        record.Updated = report.Updated;
        record.ErrorCount = report.ErrorCount;
        record.ErrorsJson = report.Errors.Count == 0 ? null : JsonSerializer.Serialize(report.Errors.Take(200));
        await context.SaveChangesAsync(CancellationToken.None);
    }
}
