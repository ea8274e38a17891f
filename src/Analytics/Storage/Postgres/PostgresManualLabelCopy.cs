using Npgsql;
using NpgsqlTypes;

namespace Insights.Analytics.Storage.Postgres;

/// <summary>
/// PostgreSQL's write of an import's manual labels: binary <c>COPY</c> into a temporary staging table, then, for each
/// (post, category) staged, one statement deletes the stored values the file no longer names and one inserts the new
/// ones, inside the caller's transaction (the staging table is dropped with it, committed or not).
/// </summary>
internal static class PostgresManualLabelCopy
{
    private const string Staging = "label_import_staging";
    private const string Columns = "\"PostId\", \"Category\", \"Value\"";

    public static async Task<(int Inserted, int Updated)> WriteAsync(NpgsqlConnection connection, IReadOnlyDictionary<(long PostId, string Category), HashSet<string>> values, CancellationToken cancellationToken)
    {
        await PostgresStaging.ExecuteAsync(connection, $"CREATE TEMP TABLE {Staging} ON COMMIT DROP AS SELECT {Columns} FROM manual_labels WITH NO DATA", cancellationToken);
        var staged = 0;
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {Staging} ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var ((postId, category), set) in values)
            {
                foreach (var value in set)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(postId, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(category, NpgsqlDbType.Varchar, cancellationToken);
                    await copy.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
                    staged++;
                }
            }
            await copy.CompleteAsync(cancellationToken);
        }
        const string SameValue = "l.\"PostId\" = s.\"PostId\" AND l.\"Category\" = s.\"Category\" AND l.\"Value\" = s.\"Value\"";
        var updated = await PostgresStaging.CountAsync(connection, $"SELECT count(*) FROM {Staging} s JOIN manual_labels l ON {SameValue}", cancellationToken);
        await PostgresStaging.ExecuteAsync(connection,
            $"""
            DELETE FROM manual_labels l
            WHERE EXISTS (SELECT 1 FROM {Staging} s WHERE l."PostId" = s."PostId" AND l."Category" = s."Category")
              AND NOT EXISTS (SELECT 1 FROM {Staging} s WHERE {SameValue})
            """, cancellationToken);
        await PostgresStaging.ExecuteAsync(connection,
            $"INSERT INTO manual_labels ({Columns}) SELECT {Columns} FROM {Staging} ON CONFLICT (\"PostId\", \"Category\", \"Value\") DO NOTHING", cancellationToken);
        return (staged - updated, updated);
    }
}
