using System.Text.Json;
using System.Text.Json.Serialization;
using Insights.Analytics.Domain;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.Taxonomy;

/// <summary>
/// The learned taxonomy in the database: per profile and category the newest head and its validation, the values it
/// suggests for posts no one labelled, and the suggestions people turned down. A training run replaces a profile's
/// heads and suggestions in one transaction; accepting a suggestion writes a manual label and bumps the data version.
/// </summary>
public sealed class TaxonomyStore(IDbContextFactory<InsightsDbContext> contexts)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The profile's posts (id to caption) and manual labels, as training reads them.</summary>
    public async Task<(IReadOnlyDictionary<long, string?> Captions, IReadOnlyList<ManualLabel> Labels)> TrainingDataAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var captions = await context.Posts.AsNoTracking().Where(p => p.ProfileId == profileId).ToDictionaryAsync(p => p.Id, p => p.Caption, cancellationToken);
        var labels = await context.ManualLabels.AsNoTracking().Where(l => context.Posts.Any(p => p.Id == l.PostId && p.ProfileId == profileId))
            .OrderBy(l => l.Id).ToListAsync(cancellationToken);
        return (captions, labels);
    }

    /// <summary>True when any post of the profile carries a manual label (otherwise there is nothing to learn).</summary>
    public async Task<bool> HasManualLabelsAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.ManualLabels.AnyAsync(l => context.Posts.Any(p => p.Id == l.PostId && p.ProfileId == profileId), cancellationToken);
    }

    /// <summary>The id of a profile's post by its platform id, or null.</summary>
    public async Task<long?> PostIdAsync(int profileId, string platformPostId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Posts.Where(p => p.ProfileId == profileId && p.PlatformPostId == platformPostId).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The stamp of the profile's newest training run, or null before the first.</summary>
    public async Task<string?> StampAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.TaxonomyModels.Where(m => m.ProfileId == profileId).OrderByDescending(m => m.TrainedUtc).Select(m => m.Stamp).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Replaces the profile's heads and suggestions by those of one training run, leaving out values people rejected.</summary>
    public async Task SaveAsync(int profileId, string stamp, DateTime trainedUtc, IReadOnlyList<TaxonomyOutcome> outcomes,
        IReadOnlyList<LabelSuggestion> suggestions, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.LabelSuggestions.Where(s => s.ProfileId == profileId).ExecuteDeleteAsync(cancellationToken);
        await context.TaxonomyModels.Where(m => m.ProfileId == profileId).ExecuteDeleteAsync(cancellationToken);
        var rejected = (await context.RejectedSuggestions.AsNoTracking().Where(r => context.Posts.Any(p => p.Id == r.PostId && p.ProfileId == profileId))
            .Select(r => new { r.PostId, r.Category, r.Value }).ToListAsync(cancellationToken)).Select(r => (r.PostId, r.Category, r.Value)).ToHashSet();
        foreach (var outcome in outcomes)
        {
            byte[]? head = null;
            if (outcome.Result is { } result)
            {
                using var stream = new MemoryStream();
                result.Head.Save(stream);
                head = stream.ToArray();
            }
            context.TaxonomyModels.Add(new TaxonomyModel
            {
                ProfileId = profileId,
                Category = outcome.Category,
                Stamp = stamp,
                TrainedUtc = trainedUtc,
                Head = head,
                ValidationJson = outcome.Result is null ? null : JsonSerializer.Serialize(outcome.Result.Validation, Json),
                Reason = outcome.Reason,
            });
        }
        context.LabelSuggestions.AddRange(suggestions.Where(s => !rejected.Contains((s.PostId, s.Category, s.Value))));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every category of the profile's newest training run, by name.</summary>
    public async Task<IReadOnlyList<TaxonomyCategory>> CategoriesAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.TaxonomyModels.AsNoTracking().Where(m => m.ProfileId == profileId)
            .Select(m => new { m.Category, m.Stamp, m.TrainedUtc, m.ValidationJson, m.Reason }).ToListAsync(cancellationToken);
        var counts = await context.LabelSuggestions.Where(s => s.ProfileId == profileId).GroupBy(s => s.Category)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return rows.OrderBy(r => r.Category, StringComparer.Ordinal).Select(r => new TaxonomyCategory(r.Category, r.Stamp, r.TrainedUtc,
            r.ValidationJson is null ? null : JsonSerializer.Deserialize<CategoryValidation>(r.ValidationJson, Json), r.Reason, counts.GetValueOrDefault(r.Category))).ToList();
    }

    /// <summary>The served head of a category, or null.</summary>
    public async Task<MultiLabelHead?> HeadAsync(int profileId, string category, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var bytes = await context.TaxonomyModels.Where(m => m.ProfileId == profileId && m.Category == category).Select(m => m.Head).FirstOrDefaultAsync(cancellationToken);
        if (bytes is null)
            return null;
        using var stream = new MemoryStream(bytes);
        return MultiLabelHead.Load(stream);
    }

    /// <summary>
    /// The values of a category on the profile's posts (or of every category on one post): manual ones, and the
    /// suggestions still open (not rejected, not already given by hand), most confident first within a post.
    /// </summary>
    public async Task<IReadOnlyList<PostValue>> ValuesAsync(int profileId, string? category, long? postId = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var posts = context.Posts.Where(p => p.ProfileId == profileId && (postId == null || p.Id == postId));
        var manual = await context.ManualLabels.AsNoTracking().Where(l => (category == null || l.Category == category) && posts.Any(p => p.Id == l.PostId))
            .Join(posts, l => l.PostId, p => p.Id, (l, p) => new PostValue(l.PostId, p.PlatformPostId, l.Category, l.Value, true, null))
            .ToListAsync(cancellationToken);
        var given = manual.Select(m => (m.PostId, m.Category, m.Value)).ToHashSet();
        var suggested = await context.LabelSuggestions.AsNoTracking().Where(s => s.ProfileId == profileId && (category == null || s.Category == category) && (postId == null || s.PostId == postId))
            .Join(posts, s => s.PostId, p => p.Id, (s, p) => new PostValue(s.PostId, p.PlatformPostId, s.Category, s.Value, false, s.Confidence))
            .ToListAsync(cancellationToken);
        return manual.Concat(suggested.Where(s => !given.Contains((s.PostId, s.Category, s.Value))))
            .OrderBy(v => v.PostId).ThenBy(v => v.Category, StringComparer.Ordinal).ThenBy(v => v.Manual ? 0 : 1).ThenByDescending(v => v.Confidence).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
    }

    /// <summary>Accepts a suggestion: the value becomes a manual label of the post (and the profile's data version moves on).</summary>
    public async Task<SuggestionDecision> AcceptAsync(int profileId, long postId, string category, string value, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var suggestion = await context.LabelSuggestions.FirstOrDefaultAsync(s => s.ProfileId == profileId && s.PostId == postId && s.Category == category && s.Value == value, cancellationToken);
        if (suggestion is null)
            return SuggestionDecision.NotFound;
        context.LabelSuggestions.Remove(suggestion);
        if (!await context.ManualLabels.AnyAsync(l => l.PostId == postId && l.Category == category && l.Value == value, cancellationToken))
            context.ManualLabels.Add(new ManualLabel { PostId = postId, Category = category, Value = value });
        await context.SaveChangesAsync(cancellationToken);
        await context.MarkProfileChangedAsync(profileId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SuggestionDecision.Done;
    }

    /// <summary>Rejects a suggestion: it disappears and is not suggested for that post again.</summary>
    public async Task<SuggestionDecision> RejectAsync(int profileId, long postId, string category, string value, string rejectedBy, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var suggestion = await context.LabelSuggestions.FirstOrDefaultAsync(s => s.ProfileId == profileId && s.PostId == postId && s.Category == category && s.Value == value, cancellationToken);
        if (suggestion is null)
            return SuggestionDecision.NotFound;
        context.LabelSuggestions.Remove(suggestion);
        if (!await context.RejectedSuggestions.AnyAsync(r => r.PostId == postId && r.Category == category && r.Value == value, cancellationToken))
            context.RejectedSuggestions.Add(new RejectedSuggestion { PostId = postId, Category = category, Value = value, RejectedBy = rejectedBy, RejectedUtc = nowUtc });
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SuggestionDecision.Done;
    }
}
