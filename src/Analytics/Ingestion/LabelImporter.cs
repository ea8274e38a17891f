using Insights.Analytics.Ingestion.Tables;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Ingestion;

/// <summary>
/// Imports manual labels (post id, category, value). For each (post, category) in the file, the
/// file's values replace the stored ones, so re-importing a corrected file updates rather than adds. The engine writes
/// them (<see cref="DatabaseProvider.ReplaceManualLabelsAsync"/>: PostgreSQL with COPY).
/// </summary>
internal sealed class LabelImporter(IDbContextFactory<InsightsDbContext> contextFactory, DatabaseProvider database, ImportOptions options)
{
    public static readonly FieldSpec[] Fields =
    [
        new("post_id", true, "post id", "id", "media id"),
        new("category", true, "label", "label category", "dimension", "key"),
        new("value", true, "label value", "tag"),
    ];

    public async Task ImportAsync(ITableReader reader, int profileId, ImportReport report, CancellationToken cancellationToken)
    {
        var map = ColumnMap.BuildReportingMissing(reader.Header, Fields, report, options.MaxReportedErrors);
        if (!report.Succeeded)
            return;

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var postIds = await context.Posts.Where(p => p.ProfileId == profileId)
            .Select(p => new { p.Id, p.PlatformPostId })
            .ToDictionaryAsync(p => p.PlatformPostId, p => p.Id, StringComparer.Ordinal, cancellationToken);

        var values = new Dictionary<(long PostId, string Category), HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                report.RowsRead++;
                var postId = reader[map["post_id"]];
                var category = reader[map["category"]]?.Trim();
                var value = reader[map["value"]]?.Trim();
                var ok = true;
                long id = 0;
                if (postId is null)
                    ok = Fail(reader, "post_id", "the post id is empty");
                else if (!postIds.TryGetValue(postId, out id))
                    ok = Fail(reader, "post_id", $"no post '{postId}' in this profile (import the posts first)");
                if (string.IsNullOrEmpty(category))
                    ok = Fail(reader, "category", "the category is empty");
                else if (category.Length > 100)
                    ok = Fail(reader, "category", "the category is longer than 100 characters");
                if (string.IsNullOrEmpty(value))
                    ok = Fail(reader, "value", "the value is empty");
                else if (value.Length > 200)
                    ok = Fail(reader, "value", "the value is longer than 200 characters");
                if (!ok)
                    continue;
                var key = (id, category!.ToLowerInvariant());
                if (!values.TryGetValue(key, out var set))
                    values[key] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(value!);
            }
        }
        catch (TableFormatException ex)
        {
            report.AddError(new ImportError(report.File, ex.Line, null, ex.Message), options.MaxReportedErrors);
        }

        if (!report.Succeeded)
            return;

        await context.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        (report.Inserted, report.Updated) = await database.ReplaceManualLabelsAsync(context, values, cancellationToken);
        await context.MarkProfileChangedAsync(profileId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        bool Fail(ITableReader row, string field, string reason)
        {
            report.AddError(new ImportError(report.File, row.Line, map.ColumnName(field), reason), options.MaxReportedErrors);
            return false;
        }
    }
}
