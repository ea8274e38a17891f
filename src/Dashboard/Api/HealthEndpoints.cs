using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Api;

public static class HealthEndpoints
{
    /// <summary>GET /healthz: 200 when the database answers, 503 otherwise. Always open.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IDbContextFactory<InsightsDbContext> contexts, CancellationToken cancellationToken) =>
        {
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            return await context.Database.CanConnectAsync(cancellationToken)
                ? Results.Ok(new { status = "ok" })
                : Results.Json(new { status = "database unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithName("Health").AllowAnonymous().ExcludeFromDescription();
    }
}
