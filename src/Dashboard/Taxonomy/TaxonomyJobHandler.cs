using System.Diagnostics;
using System.Text.Json;
using Insights.Analytics.Domain;
using Insights.Analytics.Jobs;
using Insights.Analytics.Taxonomy;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Taxonomy;

/// <summary>What a taxonomy job trains: one profile, on the stamp seen when it was queued (a failed job is not retried for the same stamp).</summary>
public sealed record TaxonomyJobPayload(int ProfileId, string Stamp);

/// <summary>
/// Learns every manual label category of a profile (image embedding + caption words), validates each, and stores the
/// heads, their validation and the values they suggest for posts no one labelled in that category. Seeded and
/// deterministic, so running again on the same data stores the same suggestions.
/// </summary>
public sealed class TaxonomyJobHandler(
    PostLabelSource labels,
    TaxonomyStore store,
    IOptions<TaxonomyOptions> options,
    TimeProvider clock,
    ILogger<TaxonomyJobHandler> logger) : IJobHandler
{
    public const string JobKind = "taxonomy";

    public string Kind => JobKind;

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        var profileId = job.ProfileId ?? throw new InvalidOperationException("A taxonomy job needs a profile.");
        var watch = Stopwatch.StartNew();
        // The stamp before reading: a change while training makes the result stale, never falsely fresh.
        var stamp = await labels.StampAsync(profileId, cancellationToken);
        var embeddings = (await labels.EmbeddingsAsync(profileId, cancellationToken)).ToDictionary(e => e.PostId, e => e.Normalized);
        var (captions, manual) = await store.TrainingDataAsync(profileId, cancellationToken);
        var categories = manual.Select(l => l.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var settings = options.Value;
        var fits = settings.Folds * settings.Repeats + 1;
        var outcomes = new List<TaxonomyOutcome>();
        var suggestions = new List<LabelSuggestion>();
        for (var c = 0; c < categories.Count; c++)
        {
            var category = categories[c];
            var values = manual.Where(l => l.Category == category).GroupBy(l => l.PostId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(l => l.Value).ToList());
            var posts = captions.OrderBy(p => p.Key)
                .Select(p => new TaxonomyPost(p.Key, embeddings.GetValueOrDefault(p.Key), p.Value, values.GetValueOrDefault(p.Key) ?? [])).ToList();
            if (!TaxonomyTrainer.CanLearn(posts, settings, out var reason))
            {
                outcomes.Add(new TaxonomyOutcome(category, null, reason));
                continue;
            }
            var before = c * fits;
            progress.Report(before, categories.Count * fits, $"'{category}': learning from {values.Count:N0} labelled posts");
            var result = await Task.Run(() => TaxonomyTrainer.Train(category, posts, settings,
                (done, _) => progress.Report(before + done, categories.Count * fits, $"'{category}': {done} of {fits} fits"), cancellationToken), cancellationToken);
            outcomes.Add(new TaxonomyOutcome(category, result, null));
            foreach (var post in posts.Where(p => p.Values.Count == 0))
            {
                foreach (var suggestion in result.Head.Suggest(post.Embedding, post.Caption))
                {
                    suggestions.Add(new LabelSuggestion
                    {
                        ProfileId = profileId,
                        PostId = post.PostId,
                        Category = category,
                        Value = suggestion.Value,
                        Confidence = suggestion.Confidence,
                        ModelStamp = stamp,
                    });
                }
            }
            var v = result.Validation;
            logger.LogInformation("Taxonomy of profile {Profile}, '{Category}': {Rule} micro F1 {F1:0.000} (baseline {Baseline:0.000}), n = {N}",
                profileId, category, v.Rule, v.Chosen.MicroF1, v.Baseline.MicroF1, v.Posts);
        }
        await store.SaveAsync(profileId, stamp, clock.GetUtcNow().UtcDateTime, outcomes, suggestions, cancellationToken);
        return JsonSerializer.Serialize(new
        {
            profileId,
            stamp,
            seconds = watch.Elapsed.TotalSeconds,
            suggestions = suggestions.Count,
            categories = outcomes.Select(o => new { category = o.Category, microF1 = o.Result?.Validation.Chosen.MicroF1, baseline = o.Result?.Validation.Baseline.MicroF1, reason = o.Reason }),
        });
    }
}
