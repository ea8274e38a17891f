using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Insights.Analytics.Storage.Postgres;

/// <summary>A shared PostgreSQL server: several app instances and workers on one database, migrated by the <c>migrate</c> step.</summary>
public sealed class PostgresDatabase(string connectionString) : DatabaseProvider(connectionString)
{
    // Any fixed 64-bit number works as long as every instance uses the same one ("Insights" in ASCII).
    private const long MigrationLockKey = 0x496E7369676874;

    public override string Name => StorageOptions.Postgres;

    public override void Configure(DbContextOptionsBuilder builder, string? historyTable = null) =>
        builder.UseNpgsql(ConnectionString, o =>
        {
            if (historyTable is not null)
                o.MigrationsHistoryTable(historyTable);
        });

    public override InsightsDbContext CreateContext(DbContextOptions<InsightsDbContext> options) => new PostgresInsightsDbContext(options);

    /// <summary>
    /// A session-level advisory lock on a connection of its own (not pooled, so closing it ends the
    /// session and frees the lock even if the unlock fails): a second <c>migrate</c> waits, then finds nothing left to apply.
    /// </summary>
    public override async Task<IAsyncDisposable> LockMigrationsAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            command.Parameters.AddWithValue("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return new AdvisoryLock(connection);
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (connection)
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", MigrationLockKey);
                await command.ExecuteNonQueryAsync();
            }
        }
    }
}
