using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Storage;

/// <summary>
/// Brings the analytics tables up to date at start (Storage:MigrateOnStart) or, where another step
/// migrates (the <c>migrate</c> command), checks that nothing is pending and refuses to start otherwise.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<InsightsDbContext> contextFactory,
    DatabaseProvider provider,
    IOptions<StorageOptions> storage,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (storage.Value.MigratesOnStart)
        {
            await MigrateAsync(cancellationToken);
            return;
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await EnsureMigratedAsync(context, "analytics", cancellationToken);
        logger.LogInformation("Database ready ({Provider}, migrated by the migrate step)", provider.Name);
    }

    /// <summary>Applies pending migrations under the provider's migration lock.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using (await provider.LockMigrationsAsync(cancellationToken))
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            await context.Database.MigrateAsync(cancellationToken);
            await provider.PrepareAsync(context, cancellationToken);
        }
        logger.LogInformation("Database migrated ({Provider})", provider.Name);
    }

    /// <summary>Throws with the command to run when <paramref name="context"/>'s database lacks migrations this build has.</summary>
    public static async Task EnsureMigratedAsync(DbContext context, string what, CancellationToken cancellationToken)
    {
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            throw new InvalidOperationException(
                $"The {what} tables lack {pending.Count} migration(s) ({string.Join(", ", pending)}) and Storage:MigrateOnStart is off: " +
                "run 'dotnet run --project src/Dashboard -- migrate' (or 'Insights.Dashboard migrate') once, then start the instances.");
    }
}
