using Insights.Analytics.Domain;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Drafts;

/// <summary>A saved draft without its result, for lists. <see cref="Score"/> is null while the draft has no class yet.</summary>
public sealed record DraftSummary(long Id, int ProfileId, string FileName, string Sha256, string ContentType, DateTime CreatedUtc, double? Score);

/// <summary>Saves, lists, reopens and deletes each user's drafts. The result is opaque JSON here (the Dashboard writes it).</summary>
public sealed class DraftStore(IDbContextFactory<InsightsDbContext> contextFactory, TimeProvider clock)
{
    public async Task<Draft> AddAsync(Draft draft, CancellationToken cancellationToken = default)
    {
        draft.CreatedUtc = clock.GetUtcNow().UtcDateTime;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.Drafts.Add(draft);
        await context.SaveChangesAsync(cancellationToken);
        return draft;
    }

    /// <summary>A user's drafts for a profile, newest first.</summary>
    public async Task<IReadOnlyList<DraftSummary>> ListAsync(string userId, int profileId, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Drafts.AsNoTracking()
            .Where(d => d.UserId == userId && d.ProfileId == profileId)
            .OrderByDescending(d => d.CreatedUtc).ThenByDescending(d => d.Id)
            .Take(limit)
            .Select(d => new DraftSummary(d.Id, d.ProfileId, d.FileName, d.Sha256, d.ContentType, d.CreatedUtc, d.ModelStamp == "" ? null : (double?)d.Score))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One draft by id, or null; with <paramref name="userId"/>, only that user's.</summary>
    public async Task<Draft?> GetAsync(long id, string? userId = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Drafts.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Id == id && (userId == null || d.UserId == userId), cancellationToken);
    }

    /// <summary>
    /// Gives a draft saved without a class the result of the profile's first classifier; false when the draft is gone
    /// or already has one (another request or process completed it first, and its result stays).
    /// </summary>
    public async Task<bool> CompleteAsync(long id, string modelStamp, string resultJson, double score, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelStamp);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Drafts.Where(d => d.Id == id && d.ModelStamp == "")
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.ModelStamp, modelStamp).SetProperty(d => d.ResultJson, resultJson).SetProperty(d => d.Score, score), cancellationToken) > 0;
    }

    /// <summary>Deletes a user's draft; false when there is none. The file stays in the store (content-addressed, it may be shared).</summary>
    public async Task<bool> DeleteAsync(long id, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Drafts.Where(d => d.Id == id && d.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
