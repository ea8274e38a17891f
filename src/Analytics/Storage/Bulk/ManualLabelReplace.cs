using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Storage.Bulk;

/// <summary>
/// The portable write of an import's manual labels through EF, in the caller's transaction: for each (post, category) of
/// the file, its values replace the stored ones (a value kept counts as updated, a new one as inserted). PostgreSQL's bulk
/// path is <see cref="Postgres.PostgresManualLabelCopy"/>.
/// </summary>
internal static class ManualLabelReplace
{
    public static async Task<(int Inserted, int Updated)> WriteAsync(InsightsDbContext context, IReadOnlyDictionary<(long PostId, string Category), HashSet<string>> values, CancellationToken cancellationToken)
    {
        int inserted = 0, updated = 0;
        var touchedPosts = values.Keys.Select(k => k.PostId).Distinct().ToList();
        var existing = new List<ManualLabel>();
        foreach (var chunk in touchedPosts.Chunk(500))
            existing.AddRange(await context.ManualLabels.Where(l => chunk.Contains(l.PostId)).ToListAsync(cancellationToken));
        var existingByKey = existing.ToLookup(l => (l.PostId, l.Category));

        foreach (var ((postId, category), newValues) in values)
        {
            var old = existingByKey[(postId, category)].ToList();
            foreach (var label in old.Where(l => !newValues.Contains(l.Value)))
                context.ManualLabels.Remove(label);
            var kept = old.Select(l => l.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var value in newValues)
            {
                if (kept.Contains(value))
                {
                    updated++;
                    continue;
                }
                context.ManualLabels.Add(new ManualLabel { PostId = postId, Category = category, Value = value });
                inserted++;
            }
        }
        await context.SaveChangesAsync(cancellationToken);
        return (inserted, updated);
    }
}
