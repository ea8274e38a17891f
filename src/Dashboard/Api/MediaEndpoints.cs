using System.Net;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Media;
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
            if (asset is null || !store.Exists(asset.StoragePath) || !await VisibleAsync(asset.Id, context, access, http.User, cancellationToken))
                return ApiProblems.NotFound("No such media file.");
            // Private: who may see a file depends on the signed-in user.
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return Results.File(store.FullPath(asset.StoragePath), asset.ContentType, enableRangeProcessing: true);
        }).ExcludeFromDescription().RequireAuthorization(Policies.Analytics);

        app.MapGet("/media/{sha256}/thumbnail", async (string sha256, int? size, IDbContextFactory<InsightsDbContext> contexts, ThumbnailService thumbnails, HttpContext http, ProfileAccess access, CancellationToken cancellationToken) =>
        {
            if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
                return ApiProblems.BadRequest("A media id is a lower-case sha256.", "sha256");
            var side = size ?? ThumbnailService.DefaultSize;
            if (!ThumbnailService.Sizes.Contains(side))
                return ApiProblems.BadRequest($"size is one of {string.Join(", ", ThumbnailService.Sizes)} (pixels of the long side).", "size");
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var asset = await context.MediaAssets.AsNoTracking().Where(a => a.Sha256 == sha256)
                .Select(a => new { a.Id, a.StoragePath, a.ContentType }).FirstOrDefaultAsync(cancellationToken);
            if (asset is null || !await VisibleAsync(asset.Id, context, access, http.User, cancellationToken))
                return ApiProblems.NotFound("No such media file.");
            var thumbnail = await thumbnails.GetAsync(sha256, asset.StoragePath, side, cancellationToken);
            if (thumbnail.Path is { } path)
            {
                // The content behind a hash never changes, but a better renderer may: cache for a week, not for good.
                // Private like the file itself: who may see it depends on the signed-in user, so no shared cache may keep it.
                http.Response.Headers.CacheControl = "private, max-age=604800";
                return Results.File(path, "image/jpeg");
            }
            // An <img> shows the body of a 200 only: a placeholder that says why, never a broken image or a 500.
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Thumbnail-Error"] = AsciiHeader(thumbnail.Error);
            return Results.Text(Placeholder(asset.ContentType.StartsWith("video/", StringComparison.Ordinal) ? "video: no preview" : "no preview", side), "image/svg+xml");
        })
        .WithTags("Media")
        .RequireAuthorization(Policies.Analytics)
        .WithSummary("A JPEG preview of a stored image or a poster frame of a video, long side ?size= 160, 320 (default), 640 or 1024 px; an SVG placeholder (200, X-Thumbnail-Error says why) when the file cannot be previewed; 404 for an unknown hash.");
    }

    private static string AsciiHeader(string? text)
    {
        var ascii = new string((text ?? "").Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
        return ascii.Length > 300 ? ascii[..300] : ascii;
    }

    private static string Placeholder(string text, int side) =>
        $$"""
        <svg xmlns="http://www.w3.org/2000/svg" width="{{side}}" height="{{side}}" viewBox="0 0 100 100">
          <rect width="100" height="100" fill="#eceff1"/>
          <path d="M35 38h30v24H35z" fill="none" stroke="#90a4ae" stroke-width="2.5"/>
          <path d="M38 58l8-9 6 6 4-4 6 7" fill="none" stroke="#90a4ae" stroke-width="2.5"/>
          <path d="M30 30l40 40" stroke="#90a4ae" stroke-width="2.5"/>
          <text x="50" y="80" font-family="sans-serif" font-size="7" fill="#607d8b" text-anchor="middle">{{WebUtility.HtmlEncode(text)}}</text>
        </svg>
        """;

    // A file is visible when a post of a visible profile uses it (the same file may belong to several profiles).
    private static async Task<bool> VisibleAsync(long assetId, InsightsDbContext context, ProfileAccess access, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await access.VisibleIdsAsync(user, cancellationToken) is not { } visible)
            return true;
        var owners = await context.PostMedia.Where(m => m.MediaAssetId == assetId).Select(m => m.Post!.ProfileId).Distinct().ToListAsync(cancellationToken);
        return owners.Any(visible.Contains);
    }
}
