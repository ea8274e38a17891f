using System.Security.Claims;
using Insights.Analytics.Domain;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Accounts.Storage;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Media;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Profiles;

/// <summary>
/// Renaming, re-platforming, setting the time zone of and deleting a profile, for the API and the Profiles page alike: the analytics rows and
/// files (<see cref="ProfileEditor"/>), then what the Dashboard keeps per profile (its grants, trained classifier and
/// drivers files, the previews of its media), each change in the audit log.
/// </summary>
public sealed class ProfileManagement(
    ProfileEditor editor,
    IDbContextFactory<AccountsDbContext> accounts,
    ClassifierStore classifiers,
    DriversStore drivers,
    ThumbnailService thumbnails,
    Jobs.FreshnessService freshness,
    IAuditLog audit)
{
    /// <summary>
    /// Applies the changes given (null leaves a field as it is; an empty time zone goes back to the configured one);
    /// returns why not, or null when done.
    /// </summary>
    public async Task<string?> UpdateAsync(ClaimsPrincipal user, Profile profile, string? name, string? platform, string? timeZone = null, CancellationToken cancellationToken = default)
    {
        if (name is not null && name.Trim() != profile.Name)
        {
            if (await editor.RenameAsync(profile.Id, name, cancellationToken) is { } problem)
                return problem;
            await audit.WriteAsync(user, AuditActions.ProfileChange, $"renamed profile '{profile.Name}' (id {profile.Id}) to '{name.Trim()}'", cancellationToken);
        }
        if (platform is not null && !string.Equals(platform, profile.Platform, StringComparison.OrdinalIgnoreCase))
        {
            if (await editor.SetPlatformAsync(profile.Id, platform, cancellationToken) is { } problem)
                return problem;
            await audit.WriteAsync(user, AuditActions.ProfileChange, $"set the platform of profile id {profile.Id} from {profile.Platform} to {platform}", cancellationToken);
        }
        var zone = timeZone?.Trim() is { Length: > 0 } z ? z : null;
        if (timeZone is not null && zone != profile.TimeZone)
        {
            if (await editor.SetTimeZoneAsync(profile.Id, zone, cancellationToken) is { } problem)
                return problem;
            await audit.WriteAsync(user, AuditActions.ProfileChange,
                $"set the time zone of profile id {profile.Id} from {profile.TimeZone ?? "the configured zone"} to {zone ?? "the configured zone"}", cancellationToken);
            // Hours and weekdays are read in the zone and the label stamp carries it: the drivers model and the rest are stale now.
            await freshness.EnsureFreshAsync(profile.Id, cancellationToken);
        }
        return null;
    }

    /// <summary>Deletes the profile and everything only it used; null when it no longer exists.</summary>
    public async Task<ProfileDeletion?> DeleteAsync(ClaimsPrincipal user, Profile profile, CancellationToken cancellationToken = default)
    {
        var deletion = await editor.DeleteAsync(profile.Id, cancellationToken);
        if (deletion is null)
            return null;
        await using (var context = await accounts.CreateDbContextAsync(cancellationToken))
            await context.ProfileGrants.Where(g => g.ProfileId == profile.Id).ExecuteDeleteAsync(cancellationToken);
        classifiers.Delete(profile.Id);
        drivers.Delete(profile.Id);
        foreach (var sha256 in deletion.MediaHashes)
            thumbnails.Forget(sha256);
        await audit.WriteAsync(user, AuditActions.ProfileDelete,
            $"deleted profile '{deletion.Name}' (id {profile.Id}): {deletion.Posts:N0} posts, {deletion.MediaFiles:N0} media files only it used, {deletion.FilesDeleted:N0} stored files removed", cancellationToken);
        return deletion;
    }
}
