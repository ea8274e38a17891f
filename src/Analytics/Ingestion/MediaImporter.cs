using System.IO.Compression;
using Insights.Analytics.Domain;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Ingestion;

/// <summary>One media file offered for import: its name and a way to open it.</summary>
public sealed record MediaEntry(string Name, long DeclaredLength, Func<Stream> Open);

/// <summary>
/// Imports media files (a zip or a folder) and links them to posts: by the posts' media column, or
/// by a file name that is the post id (p123.jpg, p123_2.jpg for the second carousel item).
/// Files go to the content-addressed media store when the links commit, in one transaction; before that they are staged.
/// </summary>
internal sealed class MediaImporter(IDbContextFactory<InsightsDbContext> contextFactory, IFileStore fileStore, ImportOptions options, TimeProvider clock)
{
    public static IEnumerable<MediaEntry> FromZip(ZipArchive archive) =>
        archive.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => new MediaEntry(e.FullName, e.Length, e.Open));

    public static IEnumerable<MediaEntry> FromFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => new MediaEntry(Path.GetRelativePath(folder, path), new FileInfo(path).Length, () => File.OpenRead(path)));

    public async Task ImportAsync(IEnumerable<MediaEntry> entries, int profileId, ImportReport report, IProgress<long>? progress, CancellationToken cancellationToken, ArchiveBudget? budget = null)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var posts = await context.Posts.Where(p => p.ProfileId == profileId)
            .Select(p => new { p.Id, p.PlatformPostId, p.MediaFileNames })
            .ToListAsync(cancellationToken);
        var byFileName = new Dictionary<string, List<(long PostId, int Position)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var post in posts)
        {
            var names = post.MediaFileNames?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
            for (var i = 0; i < names.Length; i++)
            {
                var key = Path.GetFileName(names[i]);
                if (!byFileName.TryGetValue(key, out var list))
                    byFileName[key] = list = [];
                list.Add((post.Id, i));
            }
        }
        // Platform ids can differ only in case (Instagram shortcodes do): an exact match wins, then any case.
        var byPlatformId = posts.ToDictionary(p => p.PlatformPostId, p => p.Id, StringComparer.Ordinal);
        var byPlatformIdAnyCase = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var post in posts)
            byPlatformIdAnyCase.TryAdd(post.PlatformPostId, post.Id);

        budget ??= ArchiveBudget.ForFolder(options);
        var offered = entries.ToList();
        if (budget.Exceeds(offered.Sum(e => Math.Max(0, e.DeclaredLength))))
        {
            report.AddError(new ImportError(report.File, 0, null, budget.Reason), options.MaxReportedErrors);
            return;
        }

        // Files are read into a staging area of this import, counted against the budget as they are read, and
        // move into the media store only when the links commit: a refused import leaves nothing behind.
        using var staging = new MediaStaging(fileStore);
        var links = new List<(long PostId, int Position, string FileName, StoredFile Stored, string ContentType)>();
        var entryCount = 0;
        var unmatched = new List<string>();
        foreach (var entry in offered)
        {
            var fileName = Path.GetFileName(entry.Name);
            if (fileName.StartsWith('.') || entry.Name.Contains("__MACOSX", StringComparison.Ordinal))
                continue;
            if (++entryCount > options.MaxArchiveEntries)
            {
                report.AddError(new ImportError(report.File, 0, null, $"more than {options.MaxArchiveEntries:N0} files; split the archive"), options.MaxReportedErrors);
                break;
            }
            report.RowsRead++;
            var targets = Match(fileName, byFileName, byPlatformId, byPlatformIdAnyCase);
            if (targets.Count == 0)
            {
                unmatched.Add(fileName);
                continue;
            }
            if (entry.DeclaredLength > options.MaxMediaFileBytes)
            {
                report.AddError(new ImportError(report.File, 0, entry.Name, $"the file is {entry.DeclaredLength:N0} bytes; the limit is {options.MaxMediaFileBytes:N0}"), options.MaxReportedErrors);
                continue;
            }

            (StoredFile Stored, string ContentType)? staged;
            try
            {
                staged = await StageAsync(entry, staging, budget, report, cancellationToken);
            }
            catch (ArchiveBudgetExceededException ex)
            {
                report.AddError(new ImportError(report.File, 0, null, ex.Message), options.MaxReportedErrors);
                break;
            }
            if (staged is not { } file)
                continue;
            foreach (var (postId, position) in targets)
                links.Add((postId, position, fileName, file.Stored, file.ContentType));
            progress?.Report(report.RowsRead);
        }

        if (unmatched.Count > 0)
            report.Warnings.Add($"{unmatched.Count} file(s) match no post and were skipped: {string.Join(", ", unmatched.Take(10))}{(unmatched.Count > 10 ? ", ..." : "")}");
        if (!report.Succeeded)
            return;

        try
        {
            await LinkAsync(context, links, staging, profileId, report, cancellationToken);
        }
        catch (Exception)
        {
            await staging.TakeBackAsync(UsedPathsAsync);
            throw;
        }
    }

    /// <summary>Reads one entry into the staging area; null (with the reason in the report) when it is refused.</summary>
    private async Task<(StoredFile Stored, string ContentType)?> StageAsync(MediaEntry entry, MediaStaging staging, ArchiveBudget budget, ImportReport report, CancellationToken cancellationToken)
    {
        await using var stream = budget.Track(entry.Open());
        var header = new byte[MediaSniffer.HeaderLength];
        var headerLength = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var contentType = MediaSniffer.Sniff(header.AsSpan(0, headerLength));
        if (contentType is null)
        {
            report.AddError(new ImportError(report.File, 0, entry.Name, $"not a supported image or video ({MediaSniffer.Supported}), judged from its content"), options.MaxReportedErrors);
            return null;
        }

        // Declared sizes in an archive can lie; the limit is enforced on the bytes actually read.
        await using var limited = new LimitedStream(new ConcatenatedStream(header.AsMemory(0, headerLength), stream), options.MaxMediaFileBytes);
        try
        {
            return (await staging.SaveAsync(limited, MediaSniffer.Extension(contentType), cancellationToken), contentType);
        }
        catch (LimitExceededException)
        {
            report.AddError(new ImportError(report.File, 0, entry.Name, $"the file is larger than the limit of {options.MaxMediaFileBytes:N0} bytes"), options.MaxReportedErrors);
            return null;
        }
    }

    private async Task<HashSet<string>> UsedPathsAsync(IReadOnlyList<string> paths)
    {
        await using var context = await contextFactory.CreateDbContextAsync();
        return (await context.MediaAssets.Where(a => paths.Contains(a.StoragePath)).Select(a => a.StoragePath).ToListAsync()).ToHashSet(StringComparer.Ordinal);
    }

    private async Task LinkAsync(InsightsDbContext context, List<(long PostId, int Position, string FileName, StoredFile Stored, string ContentType)> links,
        MediaStaging staging, int profileId, ImportReport report, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var hashes = links.Select(l => l.Stored.Sha256).Distinct().ToList();
        var assets = new Dictionary<string, MediaAsset>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Chunk(500))
        {
            foreach (var asset in await context.MediaAssets.Where(a => chunk.Contains(a.Sha256)).ToListAsync(cancellationToken))
                assets[asset.Sha256] = asset;
        }
        foreach (var link in links)
        {
            if (assets.TryGetValue(link.Stored.Sha256, out var known))
            {
                // Known content whose file went missing is put back; else the staged copy is simply dropped.
                if (!fileStore.Exists(known.StoragePath))
                    staging.Promote(link.Stored);
                continue;
            }
            var asset = new MediaAsset
            {
                Sha256 = link.Stored.Sha256,
                ContentType = link.ContentType,
                Bytes = link.Stored.Bytes,
                StoragePath = staging.Promote(link.Stored).RelativePath,
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            context.MediaAssets.Add(asset);
            assets[asset.Sha256] = asset;
        }
        await context.SaveChangesAsync(cancellationToken);

        var postIds = links.Select(l => l.PostId).Distinct().ToList();
        var existing = new Dictionary<(long, int), PostMedia>();
        foreach (var chunk in postIds.Chunk(500))
        {
            foreach (var pm in await context.PostMedia.Where(pm => chunk.Contains(pm.PostId)).ToListAsync(cancellationToken))
                existing[(pm.PostId, pm.Position)] = pm;
        }
        foreach (var link in links)
        {
            var assetId = assets[link.Stored.Sha256].Id;
            if (existing.TryGetValue((link.PostId, link.Position), out var current))
            {
                current.MediaAssetId = assetId;
                current.OriginalFileName = link.FileName;
                report.Updated++;
            }
            else
            {
                var created = new PostMedia { PostId = link.PostId, Position = link.Position, MediaAssetId = assetId, OriginalFileName = link.FileName };
                context.PostMedia.Add(created);
                existing[(link.PostId, link.Position)] = created;
                report.Inserted++;
            }
        }
        await context.SaveChangesAsync(cancellationToken);
        await context.MarkProfileChangedAsync(profileId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static List<(long PostId, int Position)> Match(
        string fileName, Dictionary<string, List<(long, int)>> byFileName, Dictionary<string, long> byPlatformId, Dictionary<string, long> byPlatformIdAnyCase)
    {
        if (byFileName.TryGetValue(fileName, out var listed))
            return listed;
        var stem = Path.GetFileNameWithoutExtension(fileName);
        if (TryPost(stem, out var postId))
            return [(postId, 0)];
        // "p123_2.jpg" is the second item of post p123.
        var separator = stem.LastIndexOfAny(['_', '-']);
        if (separator > 0 && int.TryParse(stem[(separator + 1)..], out var number) && number >= 1
            && TryPost(stem[..separator], out postId))
            return [(postId, number - 1)];
        return [];

        bool TryPost(string id, out long found) => byPlatformId.TryGetValue(id, out found) || byPlatformIdAnyCase.TryGetValue(id, out found);
    }
}
