using System.Data.Common;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage.Bulk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Insights.Analytics.Storage.Postgres;

/// <summary>A shared PostgreSQL server: several app instances and workers on one database, migrated by the <c>migrate</c> step.</summary>
public sealed class PostgresDatabase(string connectionString) : DatabaseProvider(connectionString)
{
    // Any fixed 64-bit number works as long as every instance uses the same one ("Insights" in ASCII).
    private const long MigrationLockKey = 0x496E7369676874;

    // The first key of the two-key advisory locks that serialise imports per profile ("post" in ASCII).
    private const int ProfileImportLockSpace = 0x706F7374;

    // One channel for the job queue; the payload is a JobNotice name.
    private const string JobsChannel = "insights_jobs";

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(5);

    public override string Name => StorageOptions.Postgres;

    public override void Configure(DbContextOptionsBuilder builder, string? historyTable = null) =>
        builder.UseNpgsql(ConnectionString, o =>
        {
            if (historyTable is not null)
                o.MigrationsHistoryTable(historyTable);
        });

    public override InsightsDbContext CreateContext(DbContextOptions<InsightsDbContext> options) => new PostgresInsightsDbContext(options);

    public override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

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

    /// <summary>
    /// Claims in one statement: the subquery locks the oldest queued row and skips rows other claimers hold locked, so
    /// concurrent workers take different jobs instead of queueing behind one row or losing a compare-and-set race. The
    /// outer condition on the status stays as the guard that a job is claimed only while queued.
    /// </summary>
    public override async Task<BackgroundJob?> ClaimNextJobAsync(InsightsDbContext context, JobClaim claim, CancellationToken cancellationToken)
    {
        var kinds = claim.Kinds switch
        {
            null => "",
            _ when claim.ExceptKinds => """AND NOT ("Kind" = ANY({4}))""",
            _ => """AND "Kind" = ANY({4})""",
        };
        // Table and column names are those of the PostgreSQL migrations (BackgroundJobConfiguration).
        var sql = $$"""
            UPDATE jobs SET "Status" = {{(int)JobStatus.Running}}, "ClaimedBy" = {0}, "LeaseUntil" = {1}, "QueuedKey" = NULL,
                "StartedUtc" = {2}, "FinishedUtc" = NULL, "Attempts" = "Attempts" + 1
            WHERE "Status" = {3} AND "Id" = (
                SELECT "Id" FROM jobs WHERE "Status" = {3} {{kinds}} ORDER BY "Id" LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """;
        List<object> parameters = [claim.WorkerId, claim.LeaseUntilUtc, claim.NowUtc, (int)JobStatus.Queued];
        if (claim.Kinds is not null)
            parameters.Add(claim.Kinds.ToArray());
        var claimed = await context.Jobs.FromSqlRaw(sql, [.. parameters]).AsNoTracking().ToListAsync(cancellationToken);
        return claimed.SingleOrDefault();
    }

    /// <summary>NOTIFY, sent when the caller's transaction commits (at once outside one), so a listener never looks before the change is visible.</summary>
    public override async Task NotifyJobsAsync(InsightsDbContext context, JobNotice notice, CancellationToken cancellationToken) =>
        await context.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [JobsChannel, notice.ToString()], cancellationToken);

    /// <summary>
    /// LISTEN on a connection of its own, outside the pool (it stays open for the process's life). Keepalives find a
    /// connection that died silently; after any loss it reconnects, and reports one <see cref="JobNotice.Queued"/> on
    /// every (re)connect, because whatever was sent while it was not listening is lost.
    /// </summary>
    public override async Task ListenForJobsAsync(Action<JobNotice> notified, Action<Exception> failed, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                connection.Notification += (_, e) => notified(Enum.TryParse<JobNotice>(e.Payload, out var notice) ? notice : JobNotice.Changed);
                await using (var listen = new NpgsqlCommand($"LISTEN {JobsChannel}", connection))
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                notified(JobNotice.Queued);
                while (true)
                    await connection.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failed(ex);
            }
            try
            {
                await Task.Delay(ReconnectDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Imports stream their posts with binary COPY: into a staging table merged in one statement, or straight into posts for a profile without any.</summary>
    internal override PostWriter CreatePostWriter(InsightsDbContext context, IDbContextTransaction transaction, bool profileHasPosts) =>
        PostgresPostCopyWriter.Start((NpgsqlConnection)context.Database.GetDbConnection(), profileHasPosts);

    /// <summary>A transaction-level advisory lock on (imports, profile id): released by the commit or rollback, never held by a dead session.</summary>
    internal override async Task LockProfileImportsAsync(InsightsDbContext context, int profileId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, @profile)", (NpgsqlConnection)context.Database.GetDbConnection());
        command.Parameters.AddWithValue("space", ProfileImportLockSpace);
        command.Parameters.AddWithValue("profile", profileId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Follower snapshots stream with binary COPY into a staging table and merge in one upsert.</summary>
    internal override Task<(int Inserted, int Updated)> WriteFollowerSnapshotsAsync(InsightsDbContext context, int profileId, IReadOnlyDictionary<DateOnly, long> rows, CancellationToken cancellationToken) =>
        PostgresFollowerSnapshotCopy.WriteAsync((NpgsqlConnection)context.Database.GetDbConnection(), profileId, rows, cancellationToken);

    /// <summary>Manual labels stream with binary COPY into a staging table; one delete and one insert replace the values.</summary>
    internal override Task<(int Inserted, int Updated)> ReplaceManualLabelsAsync(InsightsDbContext context, IReadOnlyDictionary<(long PostId, string Category), HashSet<string>> values, CancellationToken cancellationToken) =>
        PostgresManualLabelCopy.WriteAsync((NpgsqlConnection)context.Database.GetDbConnection(), values, cancellationToken);

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
