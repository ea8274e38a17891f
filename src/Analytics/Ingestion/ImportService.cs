using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
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
    IFileStore fileStore,
    IOptions<ImportOptions> options,
    TimeProvider clock)
{
    private readonly ImportOptions _options = options.Value;

    /// <summary>
    /// Returns the profile with that name, creating it when new; throws <see cref="ArgumentException"/>
    /// when the name cannot name a new profile (<see cref="ProfileNames.Problem"/>): callers check first.
    /// </summary>
    public async Task<Profile> EnsureProfileAsync(string name, string platform = "instagram", CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var profile = await context.Profiles.FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (profile is not null)
            return profile;
        if (ProfileNames.Problem(name) is { } problem)
            throw new ArgumentException(problem, nameof(name));
        profile = new Profile { Name = name, Platform = platform, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        context.Profiles.Add(profile);
        await context.SaveChangesAsync(cancellationToken);
        return profile;
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
    public async Task<List<ImportReport>> ImportPathsAsync(int profileId, IEnumerable<string> paths, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var ordered = paths.Select(p => (Path: p, Kind: Directory.Exists(p) ? ImportKind.Media : GuessKindFromPath(p)))
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
            reports.Add(await ImportFileAsync(profileId, Path.GetFileName(path), stream, progress, cancellationToken));
        }
        return reports;
    }

    /// <summary>Imports one uploaded file: a posts export (CSV or JSON Lines), follower snapshots, manual labels, a media zip, or one media file.</summary>
    public async Task<ImportReport> ImportFileAsync(int profileId, string fileName, Stream content, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stored = await fileStore.SaveAsync("uploads", content, Path.GetExtension(fileName), cancellationToken);
        var kind = await DetectKindAsync(fileName, stored, cancellationToken);
        var report = new ImportReport(fileName, kind.ToString().ToLowerInvariant());
        var record = await StartRecordAsync(profileId, kind, fileName, stored, cancellationToken);
        var rows = new InlineProgress<long>(n => progress?.Report(new ImportProgress(fileName, n, stored.Bytes)));
        try
        {
            await RunAsync(profileId, kind, fileName, stored, report, rows, cancellationToken);
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
    public static ImportPreview Preview(string fileName, Stream content, int sampleRows = 5)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".zip")
            return new ImportPreview(fileName, "media", [], new Dictionary<string, string>(), [], []);
        try
        {
            using var reader = OpenTable(extension, content);
            var kind = KindFromHeader(reader.Header);
            var fields = FieldsOf(kind);
            var map = ColumnMap.Build(reader.Header, fields, out var missing);
            var rows = new List<string?[]>();
            while (rows.Count < sampleRows && reader.Read())
                rows.Add(reader.Header.Select((_, i) => reader[i]).ToArray());
            return new ImportPreview(fileName, kind.ToString().ToLowerInvariant(), reader.Header, map.Mapping(), missing, rows);
        }
        catch (TableFormatException ex)
        {
            return new ImportPreview(fileName, "unknown", [], new Dictionary<string, string>(), [$"line {ex.Line}: {ex.Message}"], []);
        }
    }

    private async Task RunAsync(int profileId, ImportKind kind, string fileName, StoredFile stored, ImportReport report, IProgress<long> progress, CancellationToken cancellationToken)
    {
        if (kind == ImportKind.Media)
        {
            var importer = NewMediaImporter();
            var path = fileStore.FullPath(stored.RelativePath);
            if (Path.GetExtension(fileName).Equals(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var archive = ZipFile.OpenRead(path);
                await importer.ImportAsync(MediaImporter.FromZip(archive), profileId, report, progress, cancellationToken);
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
            reader = OpenTable(Path.GetExtension(fileName).ToLowerInvariant(), stream);
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
                    await new PostImporter(contextFactory, _options).ImportAsync(reader, profileId, report, progress, cancellationToken);
                    break;
                case ImportKind.Followers:
                    await new FollowerImporter(contextFactory, _options).ImportAsync(reader, profileId, report, cancellationToken);
                    break;
                case ImportKind.Labels:
                    await new LabelImporter(contextFactory, _options).ImportAsync(reader, profileId, report, cancellationToken);
                    break;
            }
        }
    }

    private MediaImporter NewMediaImporter() => new(contextFactory, fileStore, _options, clock);

    private async Task<ImportKind> DetectKindAsync(string fileName, StoredFile stored, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".zip")
            return ImportKind.Media;
        await using var stream = fileStore.OpenRead(stored.RelativePath);
        var header = new byte[MediaSniffer.HeaderLength];
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (MediaSniffer.Sniff(header.AsSpan(0, read)) is not null)
            return ImportKind.Media;
        stream.Position = 0;
        try
        {
            using var reader = OpenTable(extension, stream);
            return KindFromHeader(reader.Header);
        }
        catch (TableFormatException)
        {
            return ImportKind.Posts;
        }
    }

    private static ImportKind GuessKindFromPath(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".zip" || !File.Exists(path))
            return extension == ".zip" ? ImportKind.Media : ImportKind.Posts;
        using var stream = File.OpenRead(path);
        try
        {
            using var reader = OpenTable(extension, stream);
            return KindFromHeader(reader.Header);
        }
        catch (TableFormatException)
        {
            return ImportKind.Posts;
        }
    }

    private static ImportKind KindFromHeader(IReadOnlyList<string> header)
    {
        ColumnMap.Build(header, LabelImporter.Fields, out var labelsMissing);
        if (labelsMissing.Count == 0)
            return ImportKind.Labels;
        ColumnMap.Build(header, FollowerImporter.Fields, out var followersMissing);
        var postMap = ColumnMap.Build(header, PostImporter.Fields, out _);
        if (followersMissing.Count == 0 && !postMap.Has("post_id"))
            return ImportKind.Followers;
        return ImportKind.Posts;
    }

    private static FieldSpec[] FieldsOf(ImportKind kind) => kind switch
    {
        ImportKind.Followers => FollowerImporter.Fields,
        ImportKind.Labels => LabelImporter.Fields,
        _ => PostImporter.Fields,
    };

    private static ITableReader OpenTable(string extension, Stream stream)
    {
        var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return extension is ".jsonl" or ".ndjson" or ".json" ? new JsonLinesTableReader(text) : new CsvTableReader(text);
    }

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

/// <summary>Rows (or files) done so far in one file.</summary>
public sealed record ImportProgress(string File, long Done, long Bytes);

/// <summary>What a file would import as: kind, header, which column maps to which field, missing required fields, sample rows.</summary>
public sealed record ImportPreview(
    string File,
    string Kind,
    IReadOnlyList<string> Header,
    IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string?[]> SampleRows);
