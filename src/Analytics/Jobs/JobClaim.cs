using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Jobs;

/// <summary>
/// One worker's request for the oldest queued job, and the portable way to grant it: pick the oldest id, then a
/// compare-and-set UPDATE that only one of two racing workers wins. The PostgreSQL adapter overrides the picking with
/// <c>FOR UPDATE SKIP LOCKED</c> (see <see cref="DatabaseProvider.ClaimNextJobAsync"/>).
/// </summary>
/// <param name="WorkerId">Who claims (recorded on the job; every later write checks it).</param>
/// <param name="Kinds">Claim only jobs of these kinds (or, with <paramref name="ExceptKinds"/>, of any other kind); null for any.</param>
/// <param name="ExceptKinds">Whether <paramref name="Kinds"/> lists the kinds to leave alone.</param>
/// <param name="NowUtc">When the claim starts.</param>
/// <param name="LeaseUntilUtc">Until when the worker holds the job without a heartbeat.</param>
public sealed record JobClaim(string WorkerId, IReadOnlyCollection<string>? Kinds, bool ExceptKinds, DateTime NowUtc, DateTime LeaseUntilUtc)
{
    // A lost race retries with the next oldest job; after this many lost races the worker polls again later.
    private const int Races = 5;

    /// <summary>The portable claim: the oldest queued job of the wanted kinds, or null when there is none (or every race was lost).</summary>
    public async Task<BackgroundJob?> ClaimOldestAsync(InsightsDbContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Races; attempt++)
        {
            var queued = context.Jobs.Where(j => j.Status == JobStatus.Queued);
            if (Kinds is not null)
                queued = ExceptKinds ? queued.Where(j => !Kinds.Contains(j.Kind)) : queued.Where(j => Kinds.Contains(j.Kind));
            var candidate = await queued.OrderBy(j => j.Id).Select(j => (long?)j.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
                return null;
            if (await ClaimAsync(context, candidate.Value, cancellationToken) is { } job)
                return job;
        }
        return null;
    }

    /// <summary>Claims one given job if it is still queued, else returns null.</summary>
    public async Task<BackgroundJob?> ClaimAsync(InsightsDbContext context, long id, CancellationToken cancellationToken)
    {
        // Compare-and-set: of two workers that picked the same job, one UPDATE matches and the other none.
        var claimed = await context.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Running)
                .SetProperty(j => j.ClaimedBy, WorkerId)
                .SetProperty(j => j.LeaseUntil, LeaseUntilUtc)
                .SetProperty(j => j.QueuedKey, (string?)null)
                .SetProperty(j => j.StartedUtc, NowUtc)
                .SetProperty(j => j.FinishedUtc, (DateTime?)null)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1), cancellationToken);
        return claimed == 1 ? await context.Jobs.AsNoTracking().FirstAsync(j => j.Id == id, cancellationToken) : null;
    }
}
