using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Insights.Analytics.Storage;

/// <summary>Applies migrations at start and turns on SQLite's write-ahead log, so pages read while imports write.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<InsightsDbContext> contextFactory, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (context.Database.GetDbConnection() is SqliteConnection sqlite && sqlite.DataSource is { Length: > 0 } path)
            PrivateFiles.PrepareDatabaseFile(path);
        await context.Database.MigrateAsync(cancellationToken);
        if (context.Database.IsSqlite())
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        logger.LogInformation("Database ready at {DataSource}", context.Database.GetDbConnection().DataSource);
    }
}
