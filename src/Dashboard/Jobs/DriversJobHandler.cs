using Insights.Analytics.Annotations;
using System.Diagnostics;
using System.Text.Json;
using Insights.Analytics.ContentMap;
using Insights.Analytics.Engagement;
using Insights.Analytics.Jobs;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Labels;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Jobs;

/// <summary>
/// Trains a profile's drivers model with its validation, computes every figure the Drivers page shows (importance,
/// PDP and ICE of every feature, two-feature PDP of the top pairs) and the content map, and stores them by the data
/// stamp they were computed on. The previous files serve until the new ones are written.
/// </summary>
public sealed class DriversJobHandler(
    EngagementService engagement, PostLabelSource labels, LabellingCoverage coverage, DriversStore store, IOptions<DriversOptions> options, TimeProvider clock, ILogger<DriversJobHandler> logger) : IJobHandler
{
    public const string JobKind = "drivers";

    public string Kind => JobKind;

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken cancellationToken)
    {
        var profileId = job.ProfileId ?? throw new InvalidOperationException("A drivers job needs a profile.");
        var watch = Stopwatch.StartNew();
        // The stamp before reading: data changing during training makes the result stale, never falsely fresh.
        var stamp = await labels.StampAsync(profileId, cancellationToken);
        var covered = await coverage.ReadAsync(profileId, cancellationToken);
        var automatic = await labels.AutomaticLabelsAsync(profileId, cancellationToken);
        progress.Report(0, 1, covered.LabellingComplete ? "Training with cross-validation and permutation importance"
            : $"Training on the {covered.LabelledPosts:N0} posts labelled so far, with cross-validation and permutation importance");
        var model = await engagement.TrainDriversAsync(profileId, automatic, labelledOnly: !covered.LabellingComplete, cancellationToken: cancellationToken);

        var figures = await Task.Run(() => DriversFigures.Compute(profileId, stamp, clock.GetUtcNow().UtcDateTime, model, options.Value,
            (done, total, message) => progress.Report(done, total, message), cancellationToken), cancellationToken) with { Coverage = covered };
        await store.SaveAsync(figures, model, cancellationToken);
        var trainSeconds = watch.Elapsed.TotalSeconds;

        var map = await MapAsync(profileId, stamp, covered, progress, cancellationToken);
        logger.LogInformation("Drivers of profile {Profile}: R2 {R2:0.000} (baseline {Baseline:0.000}) on {Posts} posts in {Seconds:0.0} s; map of {Points} posts",
            profileId, model.Metrics.CrossValidatedR2, model.Metrics.BaselineR2, model.Metrics.Posts, trainSeconds, map?.Points.Count ?? 0);
        return JsonSerializer.Serialize(new
        {
            posts = model.Metrics.Posts,
            labelledPosts = covered.LabelledPosts,
            profilePosts = covered.Posts,
            r2 = model.Metrics.CrossValidatedR2,
            baselineR2 = model.Metrics.BaselineR2,
            seconds = trainSeconds,
            mapPoints = map?.Points.Count ?? 0,
        }, DriversStore.Json);
    }

    private async Task<ContentMapFigure?> MapAsync(int profileId, string stamp, TrainingCoverage covered, IJobProgress progress, CancellationToken cancellationToken)
    {
        var embeddings = await labels.EmbeddingsAsync(profileId, cancellationToken);
        if (embeddings.Count < 10)
            return null;
        var settings = options.Value;
        // Exact t-SNE is O(n^2) in time and memory: beyond the cap, a seeded sample is laid out.
        var chosen = embeddings.ToList();
        if (chosen.Count > settings.MapMaxPoints)
        {
            var random = new Random(engagement.Options.Seed);
            chosen = chosen.OrderBy(_ => random.Next()).Take(settings.MapMaxPoints).OrderBy(e => e.PostId).ToList();
        }
        var watch = Stopwatch.StartNew();
        var tsne = new TsneSettings(settings.MapPerplexity, settings.MapIterations, 50, engagement.Options.Seed);
        var xy = await Task.Run(() => Tsne.Embed(chosen.Select(e => e.Normalized).ToList(), tsne,
            (step, steps) => progress.Report(step, steps, $"Content map: t-SNE of {chosen.Count:N0} posts, step {step:N0} of {steps:N0}"), cancellationToken), cancellationToken);
        var map = new ContentMapFigure(profileId, stamp, clock.GetUtcNow().UtcDateTime, embeddings.Count, tsne.Perplexity, watch.Elapsed.TotalSeconds,
            chosen.Select((e, i) => new MapPoint(e.PostId, xy[i][0], xy[i][1])).ToList(), covered);
        await store.SaveMapAsync(map, cancellationToken);
        return map;
    }
}
