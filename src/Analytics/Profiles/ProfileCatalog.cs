using Insights.Analytics.Domain;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Profiles;

/// <summary>A profile as lists show it.</summary>
/// <param name="TimeZone">The profile's own IANA time zone, or null when it reads hours in the configured one.</param>
public sealed record ProfileSummary(int Id, string Name, string Platform, int PostCount, DateTime? FirstPostUtc, DateTime? LastPostUtc, string? TimeZone = null);

/// <summary>Finds profiles by name or id and lists them with their post counts.</summary>
public sealed class ProfileCatalog(IDbContextFactory<InsightsDbContext> contextFactory)
{
    public async Task<List<ProfileSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Profiles.OrderBy(p => p.Name)
            .Select(p => new ProfileSummary(
                p.Id, p.Name, p.Platform,
                context.Posts.Count(post => post.ProfileId == p.Id),
                context.Posts.Where(post => post.ProfileId == p.Id).Min(post => (DateTime?)post.PublishedUtc),
                context.Posts.Where(post => post.ProfileId == p.Id).Max(post => (DateTime?)post.PublishedUtc),
                p.TimeZone))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The profile with that id when <paramref name="nameOrId"/> is digits alone (<see cref="ProfileNames.IsId"/>), else with that name; or null.</summary>
    public async Task<Profile?> FindAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!ProfileNames.IsId(nameOrId))
            return await context.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.Name == nameOrId, cancellationToken);
        return int.TryParse(nameOrId, out var id) ? await context.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Profiles.AnyAsync(cancellationToken);
    }
}
