using Insights.Analytics.Ingestion.Tables;
using Insights.Analytics.Storage;
using Insights.Analytics.Storage.Bulk;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Ingestion;

/// <summary>
/// Imports a posts export in one transaction: every row is validated, every bad row is reported,
/// and nothing is written unless the whole file is valid. Rows upsert on (profile, post id).
/// </summary>
internal sealed class PostImporter(IDbContextFactory<InsightsDbContext> contextFactory, ImportOptions options)
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
    ];

    private const int ProgressEvery = 5_000;

    public async Task ImportAsync(ITableReader reader, int profileId, ImportReport report, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var map = ColumnMap.BuildReportingMissing(reader.Header, Fields, report, options.MaxReportedErrors);
        if (!report.Succeeded)
            return;
        var mapped = map.Mapping();
        var ignored = reader.Header.Where(h => !mapped.ContainsKey(h)).ToList();
        if (ignored.Count > 0)
            report.Warnings.Add($"columns ignored: {string.Join(", ", ignored)}");

        var parser = new PostRowParser(map, new FieldParsers(options.ResolveTimeZone(), options.SlashDateOrder == "DMY"), report, options.MaxReportedErrors);

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        // Counted inside the transaction: a concurrent import into the profile that commits meanwhile is not ours.
        var before = await context.Posts.CountAsync(p => p.ProfileId == profileId, cancellationToken);
        long written = 0;
        using (var writer = new PostUpsertWriter(context, transaction))
        {
            try
            {
                while (reader.Read())
                {
                    report.RowsRead++;
                    var post = parser.Parse(reader);
                    // Once a row is bad the file will not be written, but every row is still checked.
                    if (post is not null && report.Succeeded)
                    {
                        writer.Write(profileId, post);
                        written++;
                    }
                    if (report.RowsRead % ProgressEvery == 0)
                    {
                        progress?.Report(report.RowsRead);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }
            catch (TableFormatException ex)
            {
                report.AddError(new ImportError(report.File, ex.Line, null, ex.Message + "; reading stopped here"), options.MaxReportedErrors);
            }
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
}
