using System.Security.Claims;
using Insights.Analytics.Domain;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Accounts.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Accounts;

/// <summary>
/// Which profiles a user may see: Admins every one, everyone else the profiles granted to them.
/// Endpoints answer 404 for a profile the user may not see, the same as for one that does not
/// exist, so a name never leaks; pages only ever offer the visible ones.
/// </summary>
public sealed class ProfileAccess(IDbContextFactory<AccountsDbContext> contexts, ProfileCatalog catalog)
{
    /// <summary>Every profile, unfiltered (to tell "exists" from "visible" where that matters, as an import does).</summary>
    public ProfileCatalog Catalog => catalog;

    /// <summary>The id of the user; "local" when there is none (the command line).</summary>
    public static string UserId(ClaimsPrincipal? user) => user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "local";

    public static bool SeesAll(ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>Ids of the profiles the user may see, or null for all of them.</summary>
    public async Task<IReadOnlySet<int>?> VisibleIdsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (SeesAll(user))
            return null;
        if (user.Identity?.IsAuthenticated != true)
            return new HashSet<int>();
        var id = UserId(user);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return (await context.ProfileGrants.Where(g => g.UserId == id).Select(g => g.ProfileId).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, int profileId, CancellationToken cancellationToken = default) =>
        await VisibleIdsAsync(user, cancellationToken) is not { } ids || ids.Contains(profileId);

    /// <summary>The profile by name or id if it exists and the user may see it; null otherwise (answer 404).</summary>
    public async Task<Profile?> FindAsync(ClaimsPrincipal user, string nameOrId, CancellationToken cancellationToken = default)
    {
        var profile = await catalog.FindAsync(nameOrId, cancellationToken);
        return profile is not null && await CanSeeAsync(user, profile.Id, cancellationToken) ? profile : null;
    }

    /// <summary>The profiles the user may see, as the profile picker lists them.</summary>
    public async Task<List<ProfileSummary>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var all = await catalog.ListAsync(cancellationToken);
        var ids = await VisibleIdsAsync(user, cancellationToken);
        return ids is null ? all : all.Where(p => ids.Contains(p.Id)).ToList();
    }

    /// <summary>Grants one more profile (an analyst who creates a profile by importing into it gets it).</summary>
    public async Task GrantAsync(string userId, int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        if (await context.ProfileGrants.AnyAsync(g => g.UserId == userId && g.ProfileId == profileId, cancellationToken))
            return;
        context.ProfileGrants.Add(new ProfileGrant { UserId = userId, ProfileId = profileId });
        await context.SaveChangesAsync(cancellationToken);
    }
}
