using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Analytics.Storage;

/// <summary>
/// Deletes stored files nobody needs any more: the upload of a refused import at once, and by
/// <see cref="RetentionOptions"/> old uploads, old drafts and what a stopped import left in staging. A file a queued or
/// running job still names is never deleted. Safe to run from several processes at once.
/// </summary>
public sealed class StorageRetention(IDbContextFactory<InsightsDbContext> contextFactory, IFileStore fileStore, IOptions<RetentionOptions> options, TimeProvider clock)
{
    /// <summary>A staging folder older than this belongs to an import that stopped without cleaning up.</summary>
    private static readonly TimeSpan StagingAge = TimeSpan.FromDays(1);

    /// <summary>
    /// Deletes a refused import's upload unless another import succeeded or runs with the same content, or another
    /// job than <paramref name="jobId"/> still has it to import. Returns whether it was deleted.
    /// </summary>
    public Task<bool> DiscardUploadAsync(string storedPath, long? jobId, CancellationToken cancellationToken = default) =>
        DeleteUploadAsync(storedPath, jobId, keepIfImported: true, cancellationToken);

    /// <summary>One sweep; returns how many files it deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var deleted = 0;
        if (options.Value.UploadDays > 0)
        {
            var cutoff = now.AddDays(-options.Value.UploadDays);
            foreach (var (path, written) in fileStore.List("uploads").ToList())
            {
                if (written < cutoff && await DeleteUploadAsync(path, jobId: null, keepIfImported: false, cancellationToken))
                    deleted++;
            }
        }
        if (options.Value.DraftDays > 0)
            deleted += await DeleteDraftsAsync(now.AddDays(-options.Value.DraftDays), cancellationToken);
        foreach (var folder in fileStore.List("staging").Select(f => string.Join('/', f.RelativePath.Split('/').Take(2))).Distinct().ToList())
        {
            if (fileStore.List(folder).All(f => f.LastWriteUtc < now - StagingAge))
            {
                fileStore.Delete(folder);
                deleted++;
            }
        }
        return deleted;
    }

    private async Task<bool> DeleteUploadAsync(string storedPath, long? jobId, bool keepIfImported, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var imports = context.Imports.Where(i => i.StoredPath == storedPath);
        var used = await imports.AnyAsync(i => i.Status == ImportStatus.Running || (keepIfImported && i.Status == ImportStatus.Succeeded), cancellationToken)
            || await context.Jobs.AnyAsync(j => j.Id != jobId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running) && j.PayloadJson.Contains(storedPath), cancellationToken);
        if (used)
            return false;
        fileStore.Delete(storedPath);
        await imports.ExecuteUpdateAsync(s => s.SetProperty(i => i.StoredPath, (string?)null), cancellationToken);
        return true;
    }

    private async Task<int> DeleteDraftsAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var paths = await context.Drafts.Where(d => d.CreatedUtc < cutoff).Select(d => d.StoragePath).Distinct().ToListAsync(cancellationToken);
        await context.Drafts.Where(d => d.CreatedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        // Content-addressed: a newer draft of the same picture keeps the file.
        var kept = await context.Drafts.Where(d => paths.Contains(d.StoragePath)).Select(d => d.StoragePath).ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var path in paths.Except(kept))
        {
            fileStore.Delete(path);
            deleted++;
        }
        return deleted;
    }
}
