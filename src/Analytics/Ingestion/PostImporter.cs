using Insights.Analytics.Domain;
using Insights.Analytics.Ingestion.Platforms;
using Insights.Analytics.Ingestion.Tables;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Ingestion;

/// <summary>
/// Imports a posts export in one transaction: every row is validated, every bad row is reported,
/// and nothing is written unless the whole file is valid. Rows upsert on (profile, post id).
/// </summary>
internal sealed class PostImporter(IDbContextFactory<InsightsDbContext> contextFactory, DatabaseProvider database, ImportOptions options)
{
    public static readonly FieldSpec[] Fields =
    [
        new("post_id", true, "post id", "id", "media id", "video id", "content id"),
        new("published_at", true, "publish time", "published", "published time", "date", "created time", "created", "timestamp", "posted", "post time", "date posted", "time"),
        new("media_type", false, "post type", "type", "media type", "content type", "format"),
        new("caption", false, "description", "text", "message", "title"),
        new("permalink", false, "link", "url", "post link", "permalink url"),
        new("likes", true, "like count", "reactions", "hearts"),
        new("comments", true, "comment count", "comments count"),
        new("shares", false, "share count", "reposts"),
        new("saves", false, "saved", "save count", "bookmarks"),
        new("impressions", false, "views", "impression count"),
        new("reach", false, "accounts reached"),
        new("video_views", false, "video views", "plays", "video plays"),
        new("duration_sec", false, "duration (sec)", "duration", "duration seconds", "length", "video duration"),
        new("media", false, "file", "file name", "filename", "media file", "media files", "image"),
        new("watch_time_sec", false, "watch time (seconds)", "watch time (sec)", "total watch time", "watch time"),
        new("watch_time_hours", false, "watch time (hours)"),
        new("avg_view_sec", false, "average view duration", "average watch time", "average time watched", "avg view duration"),
        new("avg_viewed_pct", false, "average percentage viewed", "average percentage viewed (%)", "average viewed (%)"),
        new("followers_gained", false, "followers gained", "new followers", "subscribers gained", "follows"),
    ];

    private const int ProgressEvery = 5_000;

    /// <param name="platform">The platform chosen for the import, or null to tell it from the header (then the profile's own).</param>
    public async Task ImportAsync(ITableReader reader, int profileId, string? platform, ImportReport report, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var profile = await context.Profiles.AsNoTracking().FirstAsync(p => p.Id == profileId, cancellationToken);
        var before = await context.Posts.CountAsync(p => p.ProfileId == profileId, cancellationToken);
        var dialect = ResolvePlatform(reader.Header, platform, profile, before, report);
        if (dialect is null)
            return;

        var map = ColumnMap.Build(reader.Header, PlatformCatalog.FieldsFor(dialect, Fields), out var missing);
        // Exports without a post id column (TikTok, LinkedIn) carry it in the post's link.
        if (map.Has("permalink"))
            missing.Remove("post_id");
        foreach (var field in missing)
            report.AddError(new ImportError(report.File, 1, null, $"the header has no '{field}' column (found: {string.Join(", ", reader.Header)}; read as a {dialect.DisplayName} export)"), options.MaxReportedErrors);
        if (!report.Succeeded)
            return;
        var mapped = map.Mapping();
        var ignored = reader.Header.Where(h => h.Length > 0 && !mapped.ContainsKey(h)).ToList();
        if (ignored.Count > 0)
            report.Warnings.Add($"columns ignored: {string.Join(", ", ignored)}");
        report.Platform = dialect.Name;

        var parser = new PostRowParser(map, new FieldParsers(options.ResolveTimeZone(), options.SlashDateOrder == "DMY"), dialect.DefaultMediaType, report, options.MaxReportedErrors);

        await context.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        // Counted again inside the transaction and the profile's import lock: a concurrent import that committed meanwhile is not ours.
        await database.LockProfileImportsAsync(context, profileId, cancellationToken);
        before = await context.Posts.CountAsync(p => p.ProfileId == profileId, cancellationToken);
        // A profile's platform is settled by its first posts: the chosen or detected one.
        if (before == 0 && profile.Platform != dialect.Name)
            await context.Profiles.Where(p => p.Id == profileId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Platform, dialect.Name), cancellationToken);
        long written;
        using (var writer = database.CreatePostWriter(context, transaction, profileHasPosts: before > 0))
        {
            // Rows are read and checked on a thread of their own, a few batches ahead of the writer.
            written = await ReadAhead.RunAsync<Post>((emit, stop) =>
            {
                try
                {
                    while (reader.Read())
                    {
                        report.RowsRead++;
                        var post = parser.Parse(reader);
                        // Once a row is bad the file will not be written, but every row is still checked.
                        if (post is not null && report.Succeeded)
                            emit(post);
                        if (report.RowsRead % ProgressEvery == 0)
                        {
                            progress?.Report(report.RowsRead);
                            stop.ThrowIfCancellationRequested();
                        }
                    }
                }
                catch (TableFormatException ex)
                {
                    report.AddError(new ImportError(report.File, ex.Line, null, ex.Message + "; reading stopped here"), options.MaxReportedErrors);
                }
            }, post => writer.Write(profileId, post), cancellationToken);
            if (report.Succeeded)
                await writer.FinishAsync(cancellationToken);
        }

        if (report.RowsRead == 0 && report.Succeeded)
            report.AddError(new ImportError(report.File, 0, null, "the file has a header but no rows"), options.MaxReportedErrors);
        if (!report.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }

        await context.MarkProfileChangedAsync(profileId, cancellationToken);
        var after = await context.Posts.CountAsync(p => p.ProfileId == profileId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        report.Inserted = after - before;
        report.Updated = (int)(written - report.Inserted);
        progress?.Report(report.RowsRead);
    }

    /// <summary>
    /// The platform whose column names this file is read with: the chosen one, else the one the header
    /// shows, else the profile's. One profile is one account: a file of another platform than the
    /// profile's posts is refused (null, with the error in the report).
    /// </summary>
    private PlatformDialect? ResolvePlatform(IReadOnlyList<string> header, string? chosen, Profile profile, int postsBefore, ImportReport report)
    {
        if (chosen is not null && PlatformCatalog.Problem(chosen) is { } problem)
        {
            report.AddError(new ImportError(report.File, 0, null, problem), options.MaxReportedErrors);
            return null;
        }
        var dialect = PlatformCatalog.Find(chosen) ?? PlatformCatalog.Detect(header) ?? PlatformCatalog.Find(profile.Platform) ?? PlatformCatalog.Instagram;
        if (postsBefore > 0 && dialect.Name != profile.Platform)
        {
            var why = chosen is not null ? "chosen" : "told by its columns";
            report.AddError(new ImportError(report.File, 1, null,
                $"this is a {dialect.DisplayName} export ({why}) but profile '{profile.Name}' holds {PlatformCatalog.Find(profile.Platform)?.DisplayName ?? profile.Platform} posts; import it into a profile of its own"), options.MaxReportedErrors);
            return null;
        }
        return dialect;
    }
}
