using Insights.Analytics.Ingestion.Platforms;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Insights.Analytics.Profiles;

/// <summary>
/// Renames a profile, changes its platform, or deletes it with everything that is only its own: posts, follower
/// snapshots, labels, imports, drafts, schedules (by the database's cascades), and the media files, drafts and
/// uploads that no other profile links to (a file shared by content hash stays for the profiles that keep it).
/// </summary>
public sealed class ProfileEditor(IDbContextFactory<InsightsDbContext> contextFactory, IFileStore fileStore, ILogger<ProfileEditor> logger)
{
    /// <summary>Why the profile cannot be renamed to <paramref name="newName"/>, or null after renaming it.</summary>
    public async Task<string?> RenameAsync(int profileId, string newName, CancellationToken cancellationToken = default)
    {
        newName = newName.Trim();
        if (ProfileNames.Problem(newName) is { } problem)
            return problem;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await context.Profiles.AnyAsync(p => p.Name == newName && p.Id != profileId, cancellationToken))
            return $"Another profile is already called '{newName}'.";
        try
        {
            await context.Profiles.Where(p => p.Id == profileId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, newName), cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            // The name is unique: another rename or import took it between the check and the update.
            return $"Another profile is already called '{newName}'.";
        }
    }

    /// <summary>Why the platform cannot be set, or null after setting it (the profile's metric definitions follow it).</summary>
    public async Task<string?> SetPlatformAsync(int profileId, string platform, CancellationToken cancellationToken = default)
    {
        if (PlatformCatalog.Problem(platform) is { } problem)
            return problem;
        var name = PlatformCatalog.Find(platform)!.Name;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Profiles.Where(p => p.Id == profileId).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Platform, name)
            .SetProperty(p => p.DataVersion, p => p.DataVersion + 1), cancellationToken);
        return null;
    }

    /// <summary>
    /// Why the time zone cannot be set, or null after setting it; null or empty goes back to the configured zone. The
    /// results read in a zone are stamped with it (best times, and the label stamp every hour or weekday label follows).
    /// </summary>
    public async Task<string?> SetTimeZoneAsync(int profileId, string? timeZone, CancellationToken cancellationToken = default)
    {
        var zone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();
        if (zone is not null && ProfileTimeZones.Problem(zone) is { } problem)
            return problem;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Profiles.Where(p => p.Id == profileId).ExecuteUpdateAsync(u => u.SetProperty(p => p.TimeZone, zone), cancellationToken);
        return null;
    }

    /// <summary>Deletes the profile in one transaction, then the files that only it used; null when there is no such profile.</summary>
    public async Task<ProfileDeletion?> DeleteAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var profile = await context.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == profileId, cancellationToken);
        if (profile is null)
            return null;
        var posts = await context.Posts.CountAsync(p => p.ProfileId == profileId, cancellationToken);
        var ownMedia = await context.PostMedia
            .Where(pm => pm.Post!.ProfileId == profileId)
            .Select(pm => pm.MediaAssetId).Distinct()
            .Where(id => !context.PostMedia.Any(other => other.MediaAssetId == id && other.Post!.ProfileId != profileId))
            .ToListAsync(cancellationToken);
        var mediaFiles = await context.MediaAssets.Where(m => ownMedia.Contains(m.Id)).Select(m => new { m.StoragePath, m.Sha256 }).ToListAsync(cancellationToken);
        var draftPaths = await context.Drafts.Where(d => d.ProfileId == profileId)
            .Select(d => d.StoragePath).Distinct()
            .Where(path => !context.Drafts.Any(other => other.StoragePath == path && other.ProfileId != profileId))
            .ToListAsync(cancellationToken);
        var uploadPaths = await context.Imports.Where(i => i.ProfileId == profileId && i.StoredPath != null)
            .Select(i => i.StoredPath!).Distinct()
            .Where(path => !context.Imports.Any(other => other.StoredPath == path && other.ProfileId != profileId))
            .ToListAsync(cancellationToken);

        // Queued work for the profile goes with it; a job already running finds no profile and ends with that reason.
        await context.Jobs.Where(j => j.ProfileId == profileId && j.Status == Jobs.JobStatus.Queued).ExecuteDeleteAsync(cancellationToken);
        await context.Profiles.Where(p => p.Id == profileId).ExecuteDeleteAsync(cancellationToken);
        // Media rows go once unlinked (their annotations cascade); a file another profile links to was not selected.
        await context.MediaAssets.Where(m => ownMedia.Contains(m.Id) && !context.PostMedia.Any(pm => pm.MediaAssetId == m.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var deleted = 0;
        foreach (var path in mediaFiles.Select(m => m.StoragePath).Concat(draftPaths).Concat(uploadPaths))
        {
            try
            {
                if (fileStore.Exists(path))
                {
                    fileStore.Delete(path);
                    deleted++;
                }
            }
            catch (IOException ex)
            {
                // The rows are gone; a file left behind is only space, which the retention sweep's listing shows.
                logger.LogWarning(ex, "Could not delete {Path} of deleted profile {Profile}", path, profile.Name);
            }
        }
        logger.LogInformation("Deleted profile {Profile} ({Posts} posts, {Media} media files, {Files} stored files)", profile.Name, posts, ownMedia.Count, deleted);
        return new ProfileDeletion(profile.Name, posts, ownMedia.Count, deleted, mediaFiles.Select(m => m.Sha256).ToList());
    }
}
