using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Storage.Bulk;

/// <summary>
/// The portable write of an import's follower snapshots through EF, in the caller's transaction: a date already stored
/// for the profile takes the new count, a new date is added. PostgreSQL's bulk path is
/// <see cref="Postgres.PostgresFollowerSnapshotCopy"/>.
/// </summary>
internal static class FollowerSnapshotUpsert
{
    public static async Task<(int Inserted, int Updated)> WriteAsync(InsightsDbContext context, int profileId, IReadOnlyDictionary<DateOnly, long> rows, CancellationToken cancellationToken)
    {
        int inserted = 0, updated = 0;
        var existing = await context.FollowerSnapshots.Where(s => s.ProfileId == profileId).ToDictionaryAsync(s => s.Date, cancellationToken);
        foreach (var (date, followers) in rows)
        {
            if (existing.TryGetValue(date, out var snapshot))
            {
                snapshot.Followers = followers;
                updated++;
            }
            else
            {
                context.FollowerSnapshots.Add(new FollowerSnapshot { ProfileId = profileId, Date = date, Followers = followers });
                inserted++;
            }
        }
        await context.SaveChangesAsync(cancellationToken);
        return (inserted, updated);
    }
}
