using System.Data.Common;
using Insights.Analytics.Storage.Bulk;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Insights.Analytics.Storage.Sqlite;

/// <summary>The embedded default: one SQLite file, migrated at start, in write-ahead-log mode so pages read while imports write.</summary>
public sealed class SqliteDatabase(string connectionString) : DatabaseProvider(connectionString)
{
    public override string Name => StorageOptions.Sqlite;

    public override void Configure(DbContextOptionsBuilder builder, string? historyTable = null) =>
        builder.UseSqlite(ConnectionString, o =>
        {
            if (historyTable is not null)
                o.MigrationsHistoryTable(historyTable);
        });

    public override InsightsDbContext CreateContext(DbContextOptions<InsightsDbContext> options) => new(options);

    public override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    /// <summary>
    /// EF Core's own SQLite migration lock (a lock table) already serialises migrating processes; the file and its
    /// folder must exist first, and are made private to this user (see <see cref="PrivateFiles"/>).
    /// </summary>
    public override Task<IAsyncDisposable> LockMigrationsAsync(CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (path is { Length: > 0 } && path != ":memory:")
            PrivateFiles.PrepareDatabaseFile(path);
        return Task.FromResult<IAsyncDisposable>(new NoLock());
    }

    /// <summary>Imports stage their posts in a connection-local table and merge them in one statement.</summary>
    internal override PostWriter CreatePostWriter(InsightsDbContext context, IDbContextTransaction transaction, bool profileHasPosts) =>
        SqlitePostStagingWriter.Start((SqliteConnection)context.Database.GetDbConnection());

    public override async Task PrepareAsync(DbContext context, CancellationToken cancellationToken) =>
        await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

    private sealed class NoLock : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
