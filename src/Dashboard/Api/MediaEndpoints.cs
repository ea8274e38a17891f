using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Api;

public static class MediaEndpoints
{
    /// <summary>GET /media/{sha256}: a stored media file, for thumbnails and detail views. Content-addressed, so cached for good.</summary>
    public static void MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{sha256}", async (string sha256, IDbContextFactory<InsightsDbContext> contexts, IFileStore store, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
                return ApiProblems.BadRequest("A media id is a lower-case sha256.", "sha256");
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var asset = await context.MediaAssets.AsNoTracking().FirstOrDefaultAsync(a => a.Sha256 == sha256, cancellationToken);
            if (asset is null || !store.Exists(asset.StoragePath))
                return ApiProblems.NotFound("No such media file.");
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.File(store.FullPath(asset.StoragePath), asset.ContentType, enableRangeProcessing: true);
        }).ExcludeFromDescription();
    }
}
