using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Api;

public static class MediaEndpoints
{
    /// <summary>GET /media/{sha256}: a stored media file, for thumbnails and detail views. Content-addressed, so cached for good.</summary>
    public static void MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{sha256}", async (string sha256, IDbContextFactory<InsightsDbContext> contexts, IFileStore store, HttpContext http, ProfileAccess access, CancellationToken cancellationToken) =>
        {
            if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
                return ApiProblems.BadRequest("A media id is a lower-case sha256.", "sha256");
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var asset = await context.MediaAssets.AsNoTracking().FirstOrDefaultAsync(a => a.Sha256 == sha256, cancellationToken);
            if (asset is null || !store.Exists(asset.StoragePath))
                return ApiProblems.NotFound("No such media file.");
            // A file is visible when a post of a visible profile uses it (the same file may belong to several profiles).
            if (await access.VisibleIdsAsync(http.User, cancellationToken) is { } visible)
            {
                var owners = await context.PostMedia.Where(m => m.MediaAssetId == asset.Id).Select(m => m.Post!.ProfileId).Distinct().ToListAsync(cancellationToken);
                if (!owners.Any(visible.Contains))
                    return ApiProblems.NotFound("No such media file.");
            }
            // Private: who may see a file depends on the signed-in user.
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return Results.File(store.FullPath(asset.StoragePath), asset.ContentType, enableRangeProcessing: true);
        }).ExcludeFromDescription();
    }
}
