using System.Data.Common;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Api;

public static class HealthEndpoints
{
    /// <summary>How long the health check's write may wait for a busy database before it reports the database unavailable.</summary>
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// GET /healthz: 200 when the database takes a write, 503 otherwise. Always open. A database that answers reads
    /// but takes no write (held by a long transaction, a full disk, a read-only file) cannot serve sign-ins or imports.
    /// </summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IDbContextFactory<InsightsDbContext> contexts, ILogger<Program> logger, CancellationToken cancellationToken) =>
        {
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            context.Database.SetCommandTimeout(WriteTimeout);
            try
            {
                // An update that matches no row still takes the database's write lock (SQLite) and runs the write path.
                await context.Profiles.Where(p => p.Id < 0).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, p => p.Name), cancellationToken);
                return Results.Ok(new { status = "ok" });
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                logger.LogWarning("Health check: the database takes no write: {Reason}", ex.Message);
                return Results.Json(new { status = "database unavailable", reason = "the database does not take a write" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithName("Health").AllowAnonymous().ExcludeFromDescription();
    }
}
