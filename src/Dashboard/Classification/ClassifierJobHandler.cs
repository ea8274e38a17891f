using System.Diagnostics;
using System.Text.Json;
using Insights.Analytics.Classification;
using Insights.Analytics.Jobs;
using Insights.Analytics.Popularity;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Classification;

/// <summary>What a classifier job trains: one profile, on the data stamp seen when it was queued (informative; the job reads the current one).</summary>
/// <param name="LabelledPosts">While labelling runs, the labelled posts when it was queued (an early training); null once labelling is done.</param>
public sealed record ClassifierJobPayload(int ProfileId, string Stamp, int? LabelledPosts = null);

/// <summary>
/// Trains a profile's popularity classifiers (K = 2, 3 and the configured default) on its posts' embeddings and
/// rolling-window classes, validates them and saves them to <see cref="ClassifierStore"/>. The previous models serve
/// until the save; running twice on the same data gives the same models (seeded), so the job is idempotent.
/// </summary>
public sealed class ClassifierJobHandler(
    PostLabelSource labels,
    LabellingCoverage coverage,
    PopularityService popularity,
    ClassifierStore store,
    IOptions<ClassifierOptions> options,
    TimeProvider clock,
    ILogger<ClassifierJobHandler> logger) : IJobHandler
{
    public const string JobKind = "classifier";

    public string Kind => JobKind;

    /// <summary>The K values trained for every profile: 2 and 3, plus the configured default.</summary>
    public IReadOnlyList<int> ClassCounts => new[] { 2, 3, popularity.DefaultSettings.Classes }.Distinct().Order().ToList();

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<ClassifierJobPayload>(job.PayloadJson) ?? throw new InvalidOperationException("The classifier job has no payload.");
        var profileId = payload.ProfileId;
        var watch = Stopwatch.StartNew();
        // The stamp is read before the data, so a change while training makes the saved model stale, never falsely fresh.
        var stamp = await labels.StampAsync(profileId, cancellationToken);
        var covered = await coverage.ReadAsync(profileId, cancellationToken);
        var embeddings = await labels.EmbeddingsAsync(profileId, cancellationToken);
        if (embeddings.Count == 0)
            throw new InvalidOperationException("No post of this profile has labels with an embedding yet; the classifier is trained once its media are labelled.");
        var index = SimilarPosts.From(embeddings.Select(e => (e.PostId, e.Normalized)).ToList());

        var ks = ClassCounts;
        var fitsPerK = options.Value.Folds * options.Value.Repeats + 1;
        var results = new List<ClassifierTrainingResult>();
        // Near-duplicates do not depend on K: found once, over every post with an embedding.
        progress.Report(0, ks.Count * fitsPerK, $"Looking for near-duplicates among {embeddings.Count:N0} posts");
        var meta = (await popularity.GetAsync(profileId, popularity.DefaultSettings, cancellationToken)).Posts.ToDictionary(p => p.PostId);
        var candidates = embeddings.Where(e => meta.ContainsKey(e.PostId))
            .Select(e => new DuplicateCandidate(e.PostId, meta[e.PostId].MediaType, meta[e.PostId].PublishedUtc, e.Normalized)).ToList();
        var duplicates = await Task.Run(() => NearDuplicates.Remove(candidates, options.Value, cancellationToken), cancellationToken);
        var kept = duplicates.KeptIds.ToHashSet();
        for (var step = 0; step < ks.Count; step++)
        {
            var k = ks[step];
            var scored = await popularity.GetAsync(profileId, popularity.DefaultSettings with { Classes = k }, cancellationToken);
            var byId = scored.Posts.ToDictionary(p => p.PostId);
            var posts = embeddings.Where(e => byId.TryGetValue(e.PostId, out var p) && p.Class is not null)
                .Select(e => { var p = byId[e.PostId]; return new ClassifierPost(e.PostId, p.MediaType, p.PublishedUtc, e.Normalized, p.Class!.Value); })
                .ToList();
            var before = step * fitsPerK;
            progress.Report(before, ks.Count * fitsPerK, $"K = {k}: training on {posts.Count(p => kept.Contains(p.PostId)):N0} posts");
            // Fits finish on several threads; the job's progress is reported one at a time.
            var gate = new Lock();
            var highest = 0;
            var result = await Task.Run(() => ClassifierTrainer.Train(posts, k, options.Value, (done, _) =>
            {
                lock (gate)
                {
                    highest = Math.Max(highest, done);
                    progress.Report(before + highest, ks.Count * fitsPerK, $"K = {k}: {highest} of {fitsPerK} fits ({options.Value.Folds}-fold cross-validation x {options.Value.Repeats}, then the final model)");
                }
            }, cancellationToken, duplicates), cancellationToken);
            results.Add(result);
            logger.LogInformation("Classifier of profile {Profile}, K = {K}: accuracy {Accuracy:P1} ± {Sd:P1}, baseline {Baseline:P1}, n = {N}, {Removed} near-duplicates removed",
                profileId, k, result.Validation.Accuracy, result.Validation.AccuracySd, result.Validation.BaselineAccuracy, result.Validation.Posts, result.Validation.DuplicatesRemoved);
        }
        await store.SaveAsync(profileId, stamp, clock.GetUtcNow().UtcDateTime, index, results, covered, cancellationToken);
        return JsonSerializer.Serialize(new
        {
            profileId,
            stamp,
            seconds = watch.Elapsed.TotalSeconds,
            labelledPosts = covered.LabelledPosts,
            posts = covered.Posts,
            models = results.Select(r => new { k = r.Validation.Classes, accuracy = r.Validation.Accuracy, sd = r.Validation.AccuracySd, baseline = r.Validation.BaselineAccuracy, n = r.Validation.Posts }),
        });
    }
}
