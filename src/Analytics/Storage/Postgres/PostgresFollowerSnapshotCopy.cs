using Npgsql;
using NpgsqlTypes;

namespace Insights.Analytics.Storage.Postgres;

/// <summary>
/// PostgreSQL's write of an import's follower snapshots: binary <c>COPY</c> into a temporary staging table, then one
/// upsert on (profile, date), inside the caller's transaction (the staging table is dropped with it, committed or not).
/// The rows come deduplicated by date, so one statement never updates a row twice.
/// </summary>
internal static class PostgresFollowerSnapshotCopy
{
    private const string Staging = "follower_import_staging";
    private const string Columns = "\"ProfileId\", \"Date\", \"Followers\"";

    public static async Task<(int Inserted, int Updated)> WriteAsync(NpgsqlConnection connection, int profileId, IReadOnlyDictionary<DateOnly, long> rows, CancellationToken cancellationToken)
    {
        await PostgresStaging.ExecuteAsync(connection, $"CREATE TEMP TABLE {Staging} ON COMMIT DROP AS SELECT {Columns} FROM follower_snapshots WITH NO DATA", cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {Staging} ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (date, followers) in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(profileId, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(date, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(followers, NpgsqlDbType.Bigint, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        var updated = await PostgresStaging.CountAsync(connection,
            $"SELECT count(*) FROM {Staging} s JOIN follower_snapshots f ON f.\"ProfileId\" = s.\"ProfileId\" AND f.\"Date\" = s.\"Date\"", cancellationToken);
        await PostgresStaging.ExecuteAsync(connection,
            $"INSERT INTO follower_snapshots ({Columns}) SELECT {Columns} FROM {Staging} ON CONFLICT (\"ProfileId\", \"Date\") DO UPDATE SET \"Followers\" = excluded.\"Followers\"",
            cancellationToken);
        return (rows.Count - updated, updated);
    }
}
