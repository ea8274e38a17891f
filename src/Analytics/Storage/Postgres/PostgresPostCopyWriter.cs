using Insights.Analytics.Domain;
using Insights.Analytics.Storage.Bulk;
using Npgsql;
using NpgsqlTypes;

namespace Insights.Analytics.Storage.Postgres;

/// <summary>
/// PostgreSQL's posts writer, inside the caller's transaction, streaming with binary <c>COPY</c> (a statement per row
/// costs a network round trip each). Into a profile that holds posts, rows go to a temporary staging table and one
/// <c>INSERT ... SELECT ... ON CONFLICT DO UPDATE</c> merges them. Into a profile with no posts yet (a first import of
/// a history, the big one) rows go straight into posts, which halves the server's work; a post id seen earlier in the
/// file is held back and merged through the staging table at the end, so the last row of an id still wins.
/// The caller holds the profile's import lock (<see cref="PostgresDatabase.LockProfileImportsAsync"/>), so no other
/// import adds posts to the profile meanwhile.
/// </summary>
internal sealed class PostgresPostCopyWriter : PostWriter
{
    // Session-local, so concurrent imports on other connections never see each other's rows.
    private const string Staging = "post_import_staging";

    private readonly NpgsqlConnection _connection;
    private readonly bool _direct;
    private readonly PostIdSeen? _seen;
    private readonly List<(int ProfileId, Post Post)> _repeats = [];
    private NpgsqlBinaryImporter? _copy;
    private long _ordinal;

    private PostgresPostCopyWriter(NpgsqlConnection connection, bool direct, NpgsqlBinaryImporter copy)
    {
        _connection = connection;
        _direct = direct;
        _seen = direct ? new PostIdSeen() : null;
        _copy = copy;
    }

    /// <summary>
    /// Starts the COPY on the transaction's connection (open, with the transaction begun): straight into posts when
    /// <paramref name="profileHasPosts"/> is false, else into a new staging table.
    /// </summary>
    public static PostgresPostCopyWriter Start(NpgsqlConnection connection, bool profileHasPosts)
    {
        if (!profileHasPosts)
            return new PostgresPostCopyWriter(connection, direct: true, connection.BeginBinaryImport($"COPY posts ({ColumnList}) FROM STDIN (FORMAT BINARY)"));
        CreateStaging(connection);
        return new PostgresPostCopyWriter(connection, direct: false, BeginStagingCopy(connection));
    }

    public override void Write(int profileId, Post post)
    {
        var copy = _copy ?? throw new InvalidOperationException("the posts of this import are already written");
        if (_seen is not null)
        {
            // A repeated id (or, rarely, another id with the same hash) waits for the merge: COPY cannot update a row.
            if (!_seen.Add(post.PlatformPostId))
            {
                _repeats.Add((profileId, post));
                return;
            }
            WriteRow(copy, null, profileId, post);
            return;
        }
        WriteRow(copy, _ordinal++, profileId, post);
    }

    /// <summary>Ends the COPY; then merges what went to the staging table into posts.</summary>
    public override async Task FinishAsync(CancellationToken cancellationToken)
    {
        var copy = _copy ?? throw new InvalidOperationException("the posts of this import are already written");
        await copy.CompleteAsync(cancellationToken);
        await copy.DisposeAsync();
        _copy = null;

        if (_direct)
        {
            if (_repeats.Count == 0)
                return;
            CreateStaging(_connection);
            await using (var staging = BeginStagingCopy(_connection))
            {
                foreach (var (profileId, post) in _repeats)
                    WriteRow(staging, _ordinal++, profileId, post);
                await staging.CompleteAsync(cancellationToken);
            }
            await MergeLastOfEachIdAsync(cancellationToken);
            return;
        }
        await MergeStagedAsync(cancellationToken);
    }

    /// <summary>Disposing before <see cref="FinishAsync"/> cancels the COPY; the caller's rollback then discards the written rows.</summary>
    public override void Dispose()
    {
        _copy?.Dispose();
        _copy = null;
    }

    /// <summary>
    /// One merge of the staged rows. A file rarely names a post twice, so the plain merge is tried first under a savepoint;
    /// PostgreSQL refuses to update one row twice in a statement, and then the merge runs again on the last row of each id.
    /// </summary>
    private async Task MergeStagedAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("SAVEPOINT post_import_merge", cancellationToken);
        try
        {
            await ExecuteAsync($"INSERT INTO posts ({ColumnList}) SELECT {ColumnList} FROM {Staging} {ConflictClause}", cancellationToken);
            await ExecuteAsync("RELEASE SAVEPOINT post_import_merge", cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CardinalityViolation)
        {
            await ExecuteAsync("ROLLBACK TO SAVEPOINT post_import_merge", cancellationToken);
            await MergeLastOfEachIdAsync(cancellationToken);
        }
    }

    private Task MergeLastOfEachIdAsync(CancellationToken cancellationToken) => ExecuteAsync(
        $"""
        INSERT INTO posts ({ColumnList})
        SELECT DISTINCT ON ("ProfileId", "PlatformPostId") {ColumnList} FROM {Staging}
        ORDER BY "ProfileId", "PlatformPostId", "Ordinal" DESC
        {ConflictClause}
        """, cancellationToken);

    // "Ordinal" keeps the file's order, so that of two rows with one post id the later wins, as with a statement per row.
    private static void CreateStaging(NpgsqlConnection connection)
    {
        using var create = new NpgsqlCommand(
            $"""CREATE TEMP TABLE {Staging} ON COMMIT DROP AS SELECT 0::bigint AS "Ordinal", {ColumnList} FROM posts WITH NO DATA""", connection);
        create.ExecuteNonQuery();
    }

    private static NpgsqlBinaryImporter BeginStagingCopy(NpgsqlConnection connection) =>
        connection.BeginBinaryImport($"""COPY {Staging} ("Ordinal", {ColumnList}) FROM STDIN (FORMAT BINARY)""");

    private Task ExecuteAsync(string sql, CancellationToken cancellationToken) => PostgresStaging.ExecuteAsync(_connection, sql, cancellationToken);

    /// <summary>One row in <see cref="PostWriter.Columns"/>' order, after the ordinal when the target is the staging table.</summary>
    private static void WriteRow(NpgsqlBinaryImporter copy, long? ordinal, int profileId, Post post)
    {
        copy.StartRow();
        if (ordinal is { } position)
            copy.Write(position, NpgsqlDbType.Bigint);
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
