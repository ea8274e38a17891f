using System.Data;
using System.Data.Common;
using System.Globalization;
using Insights.Analytics.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Insights.Analytics.Storage.Bulk;

/// <summary>
/// Writes posts with one prepared INSERT ... ON CONFLICT DO UPDATE per row inside the caller's transaction (SQLite's writer).
/// EF change tracking costs ~10x more per row, and a million-row export must stream.
/// The statement is plain SQL that SQLite and PostgreSQL both accept (the portable writer; PostgreSQL's own
/// is <see cref="Postgres.PostgresPostCopyWriter"/>). On SQLite it runs as a raw
/// prepared statement bound by index: ADO.NET's per-execution work (binding every parameter by name,
/// a data reader per call) cost more than the insert itself (import benchmark: ~2x the rows/s).
/// </summary>
internal sealed class PostUpsertWriter : PostWriter
{
    /// <summary>The posts columns an import writes, in the order every writer binds them.</summary>
    internal static readonly string[] Columns =
    [
        "ProfileId", "PlatformPostId", "PublishedUtc", "MediaType", "Caption", "Permalink", "Likes", "Comments",
        "Shares", "Saves", "Impressions", "Reach", "VideoViews", "DurationSeconds", "MediaFileNames",
        "WatchTimeSeconds", "AverageViewSeconds", "AverageViewedPercent", "FollowersGained",
    ];

    // Typed, so a provider that prepares server-side (PostgreSQL) knows each parameter before the first row.
    // DbType.DateTime is PostgreSQL's timestamptz, which is what the UTC columns are.
    private static readonly DbType[] Types =
    [
        DbType.Int32, DbType.String, DbType.DateTime, DbType.Int32, DbType.String, DbType.String, DbType.Int64, DbType.Int64,
        DbType.Int64, DbType.Int64, DbType.Int64, DbType.Int64, DbType.Int64, DbType.Double, DbType.String,
        DbType.Double, DbType.Double, DbType.Double, DbType.Int64,
    ];

    // The format Microsoft.Data.Sqlite (and so EF Core) writes DateTime values in.
    private const string SqliteDateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;
    private readonly SqliteConnection? _sqlite;
    private readonly sqlite3_stmt? _statement;

    public PostUpsertWriter(InsightsDbContext context, IDbContextTransaction transaction)
    {
        var connection = context.Database.GetDbConnection();
        _command = connection.CreateCommand();
        _command.Transaction = transaction.GetDbTransaction();
        var updates = string.Join(", ", Columns.Skip(2).Select(c => $"\"{c}\" = excluded.\"{c}\""));
        _command.CommandText =
            $"INSERT INTO posts ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))}) " +
            $"ON CONFLICT (\"ProfileId\", \"PlatformPostId\") DO UPDATE SET {updates}";
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            // Same statement, same connection, so the same transaction; parameters @p0.. are indexes 1...
            var rc = raw.sqlite3_prepare_v2(handle, _command.CommandText, out var statement);
            SqliteException.ThrowExceptionForRC(rc, handle);
            _sqlite = sqlite;
            _statement = statement;
            _parameters = [];
            return;
        }
        _parameters = new DbParameter[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.DbType = Types[i];
            _command.Parameters.Add(parameter);
            _parameters[i] = parameter;
        }
        _command.Prepare();
    }

    public override void Write(int profileId, Post post)
    {
        if (_statement is not null)
        {
            WriteSqlite(_statement, profileId, post);
            return;
        }
        _parameters[0].Value = profileId;
        _parameters[1].Value = post.PlatformPostId;
        _parameters[2].Value = DateTime.SpecifyKind(post.PublishedUtc, DateTimeKind.Utc);
        _parameters[3].Value = (int)post.MediaType;
        _parameters[4].Value = (object?)post.Caption ?? DBNull.Value;
        _parameters[5].Value = (object?)post.Permalink ?? DBNull.Value;
        _parameters[6].Value = post.Likes;
        _parameters[7].Value = post.Comments;
        _parameters[8].Value = (object?)post.Shares ?? DBNull.Value;
        _parameters[9].Value = (object?)post.Saves ?? DBNull.Value;
        _parameters[10].Value = (object?)post.Impressions ?? DBNull.Value;
        _parameters[11].Value = (object?)post.Reach ?? DBNull.Value;
        _parameters[12].Value = (object?)post.VideoViews ?? DBNull.Value;
        _parameters[13].Value = (object?)post.DurationSeconds ?? DBNull.Value;
        _parameters[14].Value = (object?)post.MediaFileNames ?? DBNull.Value;
        _parameters[15].Value = (object?)post.WatchTimeSeconds ?? DBNull.Value;
        _parameters[16].Value = (object?)post.AverageViewSeconds ?? DBNull.Value;
        _parameters[17].Value = (object?)post.AverageViewedPercent ?? DBNull.Value;
        _parameters[18].Value = (object?)post.FollowersGained ?? DBNull.Value;
        _command.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        _statement?.Dispose();
        _command.Dispose();
    }

    private void WriteSqlite(sqlite3_stmt statement, int profileId, Post post)
    {
        raw.sqlite3_bind_int64(statement, 1, profileId);
        raw.sqlite3_bind_text(statement, 2, post.PlatformPostId);
        Span<char> published = stackalloc char[32];
        post.PublishedUtc.TryFormat(published, out var length, SqliteDateTimeFormat, CultureInfo.InvariantCulture);
        raw.sqlite3_bind_text(statement, 3, published[..length].ToString());
        raw.sqlite3_bind_int64(statement, 4, (int)post.MediaType);
        BindText(statement, 5, post.Caption);
        BindText(statement, 6, post.Permalink);
        raw.sqlite3_bind_int64(statement, 7, post.Likes);
        raw.sqlite3_bind_int64(statement, 8, post.Comments);
        BindInt64(statement, 9, post.Shares);
        BindInt64(statement, 10, post.Saves);
        BindInt64(statement, 11, post.Impressions);
        BindInt64(statement, 12, post.Reach);
        BindInt64(statement, 13, post.VideoViews);
        BindDouble(statement, 14, post.DurationSeconds);
        BindText(statement, 15, post.MediaFileNames);
        BindDouble(statement, 16, post.WatchTimeSeconds);
        BindDouble(statement, 17, post.AverageViewSeconds);
        BindDouble(statement, 18, post.AverageViewedPercent);
        BindInt64(statement, 19, post.FollowersGained);

        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
            SqliteException.ThrowExceptionForRC(rc, _sqlite!.Handle);
    }

    private static void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
            raw.sqlite3_bind_null(statement, index);
        else
            raw.sqlite3_bind_text(statement, index, value);
    }

    private static void BindInt64(sqlite3_stmt statement, int index, long? value)
    {
        if (value is { } number)
            raw.sqlite3_bind_int64(statement, index, number);
        else
            raw.sqlite3_bind_null(statement, index);
    }

    private static void BindDouble(sqlite3_stmt statement, int index, double? value)
    {
        if (value is { } number)
            raw.sqlite3_bind_double(statement, index, number);
        else
            raw.sqlite3_bind_null(statement, index);
    }
}
