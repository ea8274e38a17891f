using Insights.Analytics.Ingestion.Tables;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Ingestion;

/// <summary>
/// Imports follower snapshots (date, followers), upserting on (profile, date), all or nothing; the engine writes them
/// (<see cref="DatabaseProvider.WriteFollowerSnapshotsAsync"/>: PostgreSQL with COPY).
/// </summary>
internal sealed class FollowerImporter(IDbContextFactory<InsightsDbContext> contextFactory, DatabaseProvider database, ImportOptions options)
{
    public static readonly FieldSpec[] Fields =
    [
        new("date", true, "day", "snapshot date", "as of"),
        new("followers", true, "follower count", "followers count", "total followers", "fans", "subscribers"),
    ];

    public async Task ImportAsync(ITableReader reader, int profileId, ImportReport report, CancellationToken cancellationToken)
    {
        var map = ColumnMap.BuildReportingMissing(reader.Header, Fields, report, options.MaxReportedErrors);
        if (!report.Succeeded)
            return;

        var rows = new Dictionary<DateOnly, long>();
        try
        {
            while (reader.Read())
            {
                report.RowsRead++;
                var ok = true;
                DateOnly date = default;
                long followers = 0;
                if (reader[map["date"]] is not { } dateText)
                    ok = Fail(reader, map, "date", "the date is empty");
                else if (!FieldParsers.TryParseDate(dateText, out date, out var reason, options.SlashDateOrder == "DMY"))
                    ok = Fail(reader, map, "date", reason);
                if (reader[map["followers"]] is not { } countText)
                    ok = Fail(reader, map, "followers", "the follower count is empty");
                else if (!FieldParsers.TryParseCount(countText, out followers, out var reason))
                    ok = Fail(reader, map, "followers", reason);
                if (ok)
                    rows[date] = followers;
            }
        }
        catch (TableFormatException ex)
        {
            report.AddError(new ImportError(report.File, ex.Line, null, ex.Message), options.MaxReportedErrors);
        }

        if (!report.Succeeded)
            return;

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        (report.Inserted, report.Updated) = await database.WriteFollowerSnapshotsAsync(context, profileId, rows, cancellationToken);
        await context.MarkProfileChangedAsync(profileId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        bool Fail(ITableReader row, ColumnMap columns, string field, string reason)
        {
            report.AddError(new ImportError(report.File, row.Line, columns.ColumnName(field), reason), options.MaxReportedErrors);
            return false;
        }
    }
}
