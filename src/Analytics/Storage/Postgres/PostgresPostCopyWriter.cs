using Insights.Analytics.Domain;
using Insights.Analytics.Storage.Bulk;
using Npgsql;
using NpgsqlTypes;

namespace Insights.Analytics.Storage.Postgres;

/// <summary>
/// PostgreSQL's posts writer: binary <c>COPY</c> into a temporary staging table, then one
/// <c>INSERT ... SELECT ... ON CONFLICT DO UPDATE</c> into posts, all inside the caller's transaction (the staging
/// table is dropped with it, committed or not). A statement per row costs a network round trip each; COPY streams.
/// </summary>
internal sealed class PostgresPostCopyWriter : PostWriter
{
    // Session-local, so concurrent imports on other connections never see each other's rows.
    private const string Staging = "post_import_staging";

    private readonly NpgsqlConnection _connection;
    private NpgsqlBinaryImporter? _copy;
    private long _ordinal;

    private PostgresPostCopyWriter(NpgsqlConnection connection, NpgsqlBinaryImporter copy)
    {
        _connection = connection;
        _copy = copy;
    }

    private static string ColumnList => string.Join(", ", PostUpsertWriter.Columns.Select(c => $"\"{c}\""));

    /// <summary>Creates the staging table on the transaction's connection (open, with the transaction begun) and starts the COPY.</summary>
    public static PostgresPostCopyWriter Start(NpgsqlConnection connection)
    {
        // "Ordinal" keeps the file's order, so that of two rows with one post id the later wins, as with a statement per row.
        using (var create = new NpgsqlCommand(
            $"""CREATE TEMP TABLE {Staging} ON COMMIT DROP AS SELECT 0::bigint AS "Ordinal", {ColumnList} FROM posts WITH NO DATA""", connection))
            create.ExecuteNonQuery();
        var copy = connection.BeginBinaryImport($"""COPY {Staging} ("Ordinal", {ColumnList}) FROM STDIN (FORMAT BINARY)""");
        return new PostgresPostCopyWriter(connection, copy);
    }

    public override void Write(int profileId, Post post)
    {
        var copy = _copy ?? throw new InvalidOperationException("the posts of this import are already written");
        copy.StartRow();
        copy.Write(_ordinal++, NpgsqlDbType.Bigint);
        copy.Write(profileId, NpgsqlDbType.Integer);
        copy.Write(post.PlatformPostId, NpgsqlDbType.Varchar);
        copy.Write(DateTime.SpecifyKind(post.PublishedUtc, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
        copy.Write((int)post.MediaType, NpgsqlDbType.Integer);
        WriteText(copy, post.Caption);
        WriteText(copy, post.Permalink);
        copy.Write(post.Likes, NpgsqlDbType.Bigint);
        copy.Write(post.Comments, NpgsqlDbType.Bigint);
        WriteNumber(copy, post.Shares, NpgsqlDbType.Bigint);
        WriteNumber(copy, post.Saves, NpgsqlDbType.Bigint);
        WriteNumber(copy, post.Impressions, NpgsqlDbType.Bigint);
        WriteNumber(copy, post.Reach, NpgsqlDbType.Bigint);
        WriteNumber(copy, post.VideoViews, NpgsqlDbType.Bigint);
        WriteNumber(copy, post.DurationSeconds, NpgsqlDbType.Double);
        WriteText(copy, post.MediaFileNames);
        WriteNumber(copy, post.WatchTimeSeconds, NpgsqlDbType.Double);
        WriteNumber(copy, post.AverageViewSeconds, NpgsqlDbType.Double);
        WriteNumber(copy, post.AverageViewedPercent, NpgsqlDbType.Double);
        WriteNumber(copy, post.FollowersGained, NpgsqlDbType.Bigint);
    }

    /// <summary>
    /// Ends the COPY and merges the staged rows into posts in one statement. A file rarely names a post twice, so the
    /// plain merge is tried first under a savepoint; PostgreSQL refuses to update one row twice in a statement, and then
    /// the merge runs again on the last row of each post id.
    /// </summary>
    public override async Task FinishAsync(CancellationToken cancellationToken)
    {
        var copy = _copy ?? throw new InvalidOperationException("the posts of this import are already written");
        await copy.CompleteAsync(cancellationToken);
        await copy.DisposeAsync();
        _copy = null;

        var updates = string.Join(", ", PostUpsertWriter.Columns.Skip(2).Select(c => $"\"{c}\" = excluded.\"{c}\""));
        var conflict = $"""ON CONFLICT ("ProfileId", "PlatformPostId") DO UPDATE SET {updates}""";
        await ExecuteAsync("SAVEPOINT post_import_merge", cancellationToken);
        try
        {
            await ExecuteAsync($"INSERT INTO posts ({ColumnList}) SELECT {ColumnList} FROM {Staging} {conflict}", cancellationToken);
            await ExecuteAsync("RELEASE SAVEPOINT post_import_merge", cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CardinalityViolation)
        {
            await ExecuteAsync("ROLLBACK TO SAVEPOINT post_import_merge", cancellationToken);
            await ExecuteAsync(
                $"""
                INSERT INTO posts ({ColumnList})
                SELECT DISTINCT ON ("ProfileId", "PlatformPostId") {ColumnList} FROM {Staging}
                ORDER BY "ProfileId", "PlatformPostId", "Ordinal" DESC
                {conflict}
                """, cancellationToken);
        }
    }

    /// <summary>Disposing before <see cref="FinishAsync"/> cancels the COPY; the caller's rollback then discards the staged rows.</summary>
    public override void Dispose()
    {
        _copy?.Dispose();
        _copy = null;
    }

    private Task ExecuteAsync(string sql, CancellationToken cancellationToken) => PostgresStaging.ExecuteAsync(_connection, sql, cancellationToken);

    private static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
            copy.WriteNull();
        else
            copy.Write(value, NpgsqlDbType.Text);
    }

    private static void WriteNumber<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } number)
            copy.Write(number, type);
        else
            copy.WriteNull();
    }
}
