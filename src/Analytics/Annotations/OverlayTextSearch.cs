using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Annotations;

/// <summary>
/// Finds a profile's media files whose overlay text (read by OCR) contains some words, case-insensitively,
/// in the database: only each file's newest labels count, as everywhere else labels are read.
/// </summary>
public sealed class OverlayTextSearch(IDbContextFactory<InsightsDbContext> contextFactory)
{
    /// <summary>Longest search text taken; longer input is cut (the column holds at most 1,000 characters).</summary>
    public const int MaxLength = 200;

    /// <summary>The ids of the profile's media files whose newest overlay text contains <paramref name="words"/> (trimmed, any case).</summary>
    public async Task<HashSet<long>> AssetsMatchingAsync(int profileId, string words, CancellationToken cancellationToken = default)
    {
        var needle = words.Trim();
        if (needle.Length == 0)
            return [];
        needle = needle[..Math.Min(needle.Length, MaxLength)].ToLowerInvariant();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var assets = context.PostMedia.Where(pm => pm.Post!.ProfileId == profileId).Select(pm => pm.MediaAssetId);
        // ToLower and Contains translate on both providers (lower(...) with instr on SQLite, strpos on PostgreSQL)
        var ids = await context.Annotations.AsNoTracking()
            .Where(a => a.Succeeded && a.PeopleClass != null && a.OverlayText != null && assets.Contains(a.MediaAssetId)
                && a.OverlayText.ToLower().Contains(needle)
                && !context.Annotations.Any(n => n.MediaAssetId == a.MediaAssetId && n.Succeeded && n.PeopleClass != null
                    && (n.CreatedUtc > a.CreatedUtc || (n.CreatedUtc == a.CreatedUtc && n.Id > a.Id))))
            .Select(a => a.MediaAssetId)
            .ToListAsync(cancellationToken);
        return [.. ids];
    }
}
