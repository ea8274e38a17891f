using System.Data.Common;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage.Bulk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;

namespace Insights.Analytics.Storage;

/// <summary>
/// The one place that knows which database engine runs underneath: how contexts are configured and made,
/// and the engine-specific statements (SQLite's pragmas, PostgreSQL's advisory lock, job claims and COPY imports). Everything else
/// stays provider neutral EF Core LINQ. Chosen by Storage:Provider.
/// </summary>
public abstract class DatabaseProvider(string connectionString)
{
    /// <summary>The connection string every context of this process uses.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>The Storage:Provider value this adapter serves.</summary>
    public abstract string Name { get; }

    /// <summary>Points a context at this database; <paramref name="historyTable"/> names a context's own migrations history table.</summary>
    public abstract void Configure(DbContextOptionsBuilder builder, string? historyTable = null);

    /// <summary>A context of the type that owns this provider's migrations.</summary>
    public abstract InsightsDbContext CreateContext(DbContextOptions<InsightsDbContext> options);

    /// <summary>A new, closed connection from this process's pool, for the few hot single-row reads where a context costs more than the query.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>Held while migrations run, so that several processes migrating at once apply each migration once.</summary>
    public abstract Task<IAsyncDisposable> LockMigrationsAsync(CancellationToken cancellationToken);

    /// <summary>Engine settings that belong to the database rather than a connection, set once after migrating.</summary>
    public virtual Task PrepareAsync(DbContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Claims the oldest queued job the request wants, or returns null when there is none. The portable claim picks the
    /// oldest id and then races for it with a compare-and-set; an engine with row locks claims in one statement instead.
    /// </summary>
    public virtual Task<BackgroundJob?> ClaimNextJobAsync(InsightsDbContext context, JobClaim claim, CancellationToken cancellationToken) =>
        claim.ClaimOldestAsync(context, cancellationToken);

    /// <summary>Tells every process listening (<see cref="ListenForJobsAsync"/>) what changed in the jobs; engines without notifications send nothing.</summary>
    public virtual Task NotifyJobsAsync(InsightsDbContext context, JobNotice notice, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Calls <paramref name="notified"/> for each notification other processes send, until cancelled, reconnecting after a
    /// lost connection (<paramref name="failed"/> hears why). Returns at once on an engine without notifications: there
    /// polling alone finds new work.
    /// </summary>
    public virtual Task ListenForJobsAsync(Action<JobNotice> notified, Action<Exception> failed, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The writer of an import's posts, inside <paramref name="transaction"/> on the context's open connection: each engine
    /// stages the rows its fastest way (SQLite's multi-row inserts, PostgreSQL's COPY) and merges them into posts.
    /// </summary>
    /// <param name="profileHasPosts">Whether the profile held posts when the import's transaction began (under <see cref="LockProfileImportsAsync"/>).</param>
    internal abstract PostWriter CreatePostWriter(InsightsDbContext context, IDbContextTransaction transaction, bool profileHasPosts);

    /// <summary>
    /// Makes imports into one profile take turns, until the transaction open on the context ends, so what an import counts
    /// at its start stays true until it commits. SQLite needs nothing: it lets one writer at a time anyway.
    /// </summary>
    internal virtual Task LockProfileImportsAsync(InsightsDbContext context, int profileId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Writes an import's follower snapshots (one count per date) for the profile inside the transaction open on the
    /// context: a stored date takes the new count. Returns how many dates were new and how many updated.
    /// </summary>
    internal virtual Task<(int Inserted, int Updated)> WriteFollowerSnapshotsAsync(InsightsDbContext context, int profileId, IReadOnlyDictionary<DateOnly, long> rows, CancellationToken cancellationToken) =>
        FollowerSnapshotUpsert.WriteAsync(context, profileId, rows, cancellationToken);

    /// <summary>
    /// Writes an import's manual labels inside the transaction open on the context: for each (post, category) given, the
    /// values replace the stored ones. Returns how many values were new and how many were kept.
    /// </summary>
    internal virtual Task<(int Inserted, int Updated)> ReplaceManualLabelsAsync(InsightsDbContext context, IReadOnlyDictionary<(long PostId, string Category), HashSet<string>> values, CancellationToken cancellationToken) =>
        ManualLabelReplace.WriteAsync(context, values, cancellationToken);

    /// <summary>The adapter for the configured provider and connection string.</summary>
    public static DatabaseProvider Create(StorageOptions storage, IConfiguration configuration, string baseDirectory)
    {
        if (storage.Provider == StorageOptions.Postgres)
        {
            var connection = configuration.GetConnectionString("Insights") is { Length: > 0 } named ? named : storage.ConnectionString;
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Storage:Provider is 'Postgres' but ConnectionStrings:Insights is empty: set it to the server's connection string (Host=...;Database=...;Username=...).");
            return new Postgres.PostgresDatabase(connection);
        }
        return new Sqlite.SqliteDatabase(string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? $"Data Source={Path.Combine(Extensions.ServiceCollectionExtensions.DataDirectory(storage, baseDirectory), "insights.db")};Pooling=True"
            : storage.ConnectionString);
    }
}
