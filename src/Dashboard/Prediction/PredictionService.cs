using System.Diagnostics;
using System.Text.Json;
using Insights.Analytics.Caching;
using Insights.Analytics.Classification;
using Insights.Analytics.Domain;
using Insights.Analytics.Drafts;
using Insights.Analytics.Engagement;
using Insights.Analytics.Jobs;
using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Analytics.Storage;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Labels;
using Insights.Inference;
using Insights.Inference.Vision;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using AnalyticsClassification = Insights.Analytics.Classification;

namespace Insights.Dashboard.Prediction;

/// <summary>
/// Predicts how a draft image or video would do on a profile: its labels and embedding (the vision
/// models), the profile's classifier head (class probabilities, expected percentile), the class
/// activation map of the predicted class, the most similar past posts, a near-duplicate warning and the
/// label figures that concern it. Each prediction is saved as the user's draft. At most
/// <see cref="PredictionOptions.MaxConcurrent"/> run at once (<see cref="PredictionQueue"/>).
/// </summary>
public sealed class PredictionService(
    MediaAnnotator annotator,
    PredictionQueue queue,
    ClassifierStore classifiers,
    PostLabelSource labels,
    DriversStore drivers,
    EngagementService engagement,
    PopularityService popularity,
    PostCatalog catalog,
    IFileStore files,
    DraftStore drafts,
    IMemoryCache cache,
    StampedCache stampedCache,
    IOptions<PredictionOptions> options,
    IOptions<LabelOptions> labelOptions,
    IOptions<AnalyticsClassification.ClassifierOptions> classifierOptions,
    IOptions<Configuration.AnnotationOptions> annotationOptions,
    Analytics.Annotations.AnnotationStore annotations,
    JobQueue jobs,
    IOptions<JobOptions> jobOptions,
    ILogger<PredictionService> logger)
{
    private const string NeighboursArea = "draft-neighbours";

    private readonly DraftHints hints = new(labels, drivers, engagement, cache, options);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// Reads, checks and predicts one draft, and saves it for <paramref name="userId"/>. Throws
    /// <see cref="Inference.Imaging.MediaRejectedException"/> for a bad file, <see cref="PredictionQueueFullException"/>
    /// when too many wait. Before the profile has a classifier the draft still gets its labels, hints and the most
    /// similar labelled posts, with no class and a <see cref="PredictionResult.ClassNote"/> saying why;
    /// <see cref="CompleteAsync"/> adds the class once the first model is trained.
    /// </summary>
    public async Task<PredictionResult> PredictAsync(ProfileRef profile, Stream content, string fileName, string userId, CancellationToken cancellationToken = default)
    {
        await using var upload = await DraftUpload.ReadAsync(content, fileName, labelOptions.Value, cancellationToken);
        var watch = Stopwatch.StartNew();
        var snapshot = await classifiers.GetAsync(profile.Id, popularity.DefaultSettings.Classes, cancellationToken);
        var result = await AnalyseAsync(profile, upload, snapshot, cancellationToken);

        await using (var stream = File.OpenRead(upload.Path))
        {
            var stored = await files.SaveAsync("drafts", stream, upload.Extension, cancellationToken);
            result = result with { Sha256 = stored.Sha256 };
            var draft = await drafts.AddAsync(new Draft
            {
                UserId = userId,
                ProfileId = profile.Id,
                FileName = Path.GetFileName(fileName),
                Sha256 = stored.Sha256,
                StoragePath = stored.RelativePath,
                ContentType = upload.ContentType,
                ModelStamp = result.Model?.Stamp ?? "",
                ResultJson = JsonSerializer.Serialize(result, Json),
                Score = result.ExpectedPercentile ?? 0,
            }, cancellationToken);
            result = result with { Id = draft.Id, CreatedUtc = draft.CreatedUtc };
        }

        logger.LogInformation("Predicted {File} for {Profile}: class {Class} ({Percentile:0}th percentile) in {Ms} ms", fileName, profile.Name, result.ClassName ?? "none yet", result.ExpectedPercentile, watch.ElapsedMilliseconds);
        return result;
    }

    /// <summary>
    /// A saved draft's result, with its class added when it was saved before the profile had a classifier and one
    /// is trained now (the saved file is analysed again with it and the draft updated, so every process and page sees
    /// the class from then on). Null when the draft is not this user's.
    /// </summary>
    public async Task<PredictionResult?> CompleteAsync(long draftId, string? userId, CancellationToken cancellationToken = default)
    {
        var draft = await drafts.GetAsync(draftId, userId, cancellationToken);
        if (draft is null)
            return null;
        var saved = Read(draft);
        if (draft.ModelStamp.Length > 0 || !files.Exists(draft.StoragePath)
            || await classifiers.GetAsync(draft.ProfileId, popularity.DefaultSettings.Classes, cancellationToken) is not { } snapshot)
            return saved;

        PredictionResult result;
        await using (var stream = File.OpenRead(files.FullPath(draft.StoragePath)))
        await using (var upload = await DraftUpload.ReadAsync(stream, draft.FileName, labelOptions.Value, cancellationToken))
            result = await AnalyseAsync(new ProfileRef(draft.ProfileId, saved.Profile), upload, snapshot, cancellationToken);
        result = result with { Sha256 = draft.Sha256 };
        if (await drafts.CompleteAsync(draft.Id, result.Model!.Stamp, JsonSerializer.Serialize(result, Json), result.ExpectedPercentile!.Value, cancellationToken))
        {
            logger.LogInformation("Draft {Draft} ({File}) got its class {Class} from the first classifier of profile {Profile}", draft.Id, draft.FileName, result.ClassName, draft.ProfileId);
            return result with { Id = draft.Id, CreatedUtc = draft.CreatedUtc };
        }
        // Completed meanwhile by another request or process: theirs is the saved one.
        return await OpenAsync(draftId, userId, cancellationToken);
    }

    /// <summary>
    /// Labels and similar posts for a draft, and with a classifier its class, probabilities and maps. Before the first
    /// classifier the similar posts are searched among the profile's labelled posts as they are now.
    /// </summary>
    private async Task<PredictionResult> AnalyseAsync(ProfileRef profile, DraftUpload upload, ClassifierSnapshot? snapshot, CancellationToken cancellationToken)
    {
        var neighbours = snapshot?.Embeddings ?? await LabelledPostsAsync(profile.Id, cancellationToken);
        var analysis = await queue.RunAsync(ct => DraftAnalyzer.AnalyseAsync(annotator, upload.Path, upload.FileName, snapshot?.Classifier,
            neighbours, options.Value.SimilarPosts, options.Value.HeatmapMaxSide, ct), cancellationToken);
        var classNote = snapshot is null ? (await NotReadyAsync(profile, cancellationToken)).Message : null;
        return await ExplainAsync(profile, upload, snapshot, analysis, classNote, cancellationToken);
    }

    /// <summary>The profile's labelled posts as a search index, kept while its labels stamp holds.</summary>
    private async Task<SimilarPosts> LabelledPostsAsync(int profileId, CancellationToken cancellationToken)
    {
        var stamp = await labels.StampAsync(profileId, cancellationToken);
        return await stampedCache.GetAsync<SimilarPosts>(new CacheKey(NeighboursArea, profileId), stamp, async _ =>
            SimilarPosts.From([.. (await labels.EmbeddingsAsync(profileId, CancellationToken.None)).Select(e => (e.PostId, e.Normalized))]),
            index => (long)index.Count * (index.Dimensions * sizeof(float) + sizeof(long))).WaitAsync(cancellationToken);
    }

    /// <summary>About how many labelled posts the first classifier of a profile waits for (early training, at least the classifier's minimum).</summary>
    public int FirstModelPosts => Math.Max(jobOptions.Value.EarlyTrainingPosts, classifierOptions.Value.MinPosts);

    /// <summary>The number of popularity classes predictions are made for.</summary>
    public int DefaultClasses => popularity.DefaultSettings.Classes;

    /// <summary>The profile's classifier, or why there is none yet.</summary>
    public async Task<(ClassifierSnapshot? Snapshot, ModelNotReadyException? NotReady)> ReadinessAsync(ProfileRef profile, CancellationToken cancellationToken = default) =>
        await classifiers.GetAsync(profile.Id, popularity.DefaultSettings.Classes, cancellationToken) is { } snapshot
            ? (snapshot, null)
            : (null, await NotReadyAsync(profile, cancellationToken));

    /// <summary>A saved draft's result, or null when it is not this user's.</summary>
    public async Task<PredictionResult?> OpenAsync(long draftId, string? userId, CancellationToken cancellationToken = default)
    {
        var draft = await drafts.GetAsync(draftId, userId, cancellationToken);
        return draft is null ? null : Read(draft);
    }

    internal static PredictionResult Read(Draft draft) =>
        JsonSerializer.Deserialize<PredictionResult>(draft.ResultJson, Json)! with { Id = draft.Id, CreatedUtc = draft.CreatedUtc };

    private async Task<PredictionResult> ExplainAsync(ProfileRef profile, DraftUpload upload, ClassifierSnapshot? snapshot, DraftAnalysis analysis,
        string? classNote, CancellationToken cancellationToken)
    {
        var (annotation, probabilities, predicted) = (analysis.Annotation, analysis.Probabilities, analysis.Predicted);
        // without a classifier the similar posts still show their classes among the default K
        var k = snapshot?.Classes ?? popularity.DefaultSettings.Classes;
        var group = upload.IsVideo ? MediaGroup.Videos : MediaGroup.Images;
        var scores = await popularity.GetAsync(profile.Id, popularity.DefaultSettings with { Classes = k }, cancellationToken);
        var byId = scores.Posts.ToDictionary(p => p.PostId);
        var details = await catalog.DetailsAsync(profile.Id, cancellationToken);

        // similar posts and the nearest one's distance
        var similar = new List<SimilarPostView>();
        foreach (var (postId, similarity) in analysis.Similar)
        {
            byId.TryGetValue(postId, out var score);
            details.TryGetValue(postId, out var detail);
            similar.Add(new SimilarPostView(postId, score?.PlatformPostId ?? postId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                score?.PublishedUtc ?? default, detail?.CoverSha256, detail?.CoverContentType, score?.MediaType.ToString(), score?.PopularityRate, score?.Class,
                score?.Class is { } c ? ClassSettings.ClassName(c, k) : null, similarity));
        }

        DuplicateWarning? duplicate = null;
        if (similar.Count > 0 && snapshot is not null)
        {
            var nearest = similar[0];
            // the classifier's own near-duplicate rule: cosine distance under the threshold read from the profile's histogram
            var distance = 1 - nearest.Similarity;
            var threshold = snapshot.Validation.DuplicateThreshold;
            if (distance < threshold)
                duplicate = new DuplicateWarning(nearest.PostId, nearest.PlatformPostId, nearest.PublishedUtc, nearest.Class, nearest.ClassName, distance, threshold);
        }

        var (labelHints, note) = await hints.LabelHintsAsync(profile.Id, annotation.Labels, group, cancellationToken);
        var (featureHints, featureNote) = hints.FeatureHintsOf(profile.Id, annotation.Labels);

        var stored = new List<(double Seconds, string? Frame, string Heatmap)>();
        foreach (var (seconds, frame, heatmap) in analysis.Maps)
        {
            var heatmapFile = await files.SaveAsync("heatmaps", new MemoryStream(heatmap), ".png", cancellationToken);
            var frameFile = frame is null ? null : await files.SaveAsync("heatmaps", new MemoryStream(frame), ".jpg", cancellationToken);
            stored.Add((seconds, frameFile?.RelativePath, heatmapFile.RelativePath));
        }

        var validation = snapshot?.Validation;
        return new PredictionResult
        {
            Profile = profile.Name,
            FileName = Path.GetFileName(upload.FileName),
            Sha256 = "",
            ContentType = upload.ContentType,
            IsVideo = upload.IsVideo,
            MediaGroup = group == MediaGroup.Videos ? "videos" : "images",
            Class = predicted,
            ClassName = predicted is { } p ? ClassSettings.ClassName(p, k) : null,
            ClassNote = classNote,
            Probabilities = [.. probabilities.Select((p, c) => new ClassProbability(c, ClassSettings.ClassName(c, k), p))],
            ExpectedPercentile = predicted is null ? null : ExpectedPercentile(probabilities),
            Model = snapshot is null || validation is null ? null : new ModelTrackRecord(k, validation.Posts, validation.Accuracy, validation.AccuracySd,
                validation.Top2Accuracy, validation.BaselineAccuracy, validation.Folds, validation.Repeats, snapshot.TrainedUtc,
                $"{snapshot.Stamp}; trained {snapshot.TrainedUtc:O}; labels {annotator.Version}", snapshot.CoverageNote),
            Labels = annotation.Labels with { Embedding = [], EmbeddingNormalized = [], FeatureMap = null },
            SimilarPosts = similar,
            Duplicate = duplicate,
            Hints = labelHints,
            HintsNote = note,
            FeatureHints = featureHints,
            FeatureHintsNote = featureNote,
            Frames = [.. stored.Where(s => s.Frame is not null).Select(s => new FrameMap(s.Seconds, s.Frame!, s.Heatmap))],
            HeatmapPath = stored.Count > 0 ? stored[0].Heatmap : "",
        };
    }

    /// <summary>
    /// The expected percentile of the draft among past posts of its media group: each class is a band of
    /// percentiles of equal width (class c of K covers c/K to (c+1)/K), taken at its middle and weighted by
    /// the class's probability.
    /// </summary>
    public static double ExpectedPercentile(IReadOnlyList<double> probabilities)
    {
        var k = probabilities.Count;
        var total = probabilities.Sum();
        return total > 0 ? 100 * probabilities.Select((p, c) => p * (c + 0.5) / k).Sum() / total : 50;
    }

    /// <summary>
    /// 503 (try again) while the profile's labels or its classifier's training are under way (the job banner
    /// shows their progress); 409 when it cannot have a classifier yet (too few labelled posts, or the last
    /// training failed on the current data).
    /// </summary>
    private async Task<ModelNotReadyException> NotReadyAsync(ProfileRef profile, CancellationToken cancellationToken)
    {
        var labelled = (await labels.EmbeddingsAsync(profile.Id, cancellationToken)).Count;
        var pending = annotationOptions.Value.Enabled ? await annotations.PendingCountAsync(annotator.Version, profile.Id, cancellationToken) : 0;
        var training = await jobs.RecentAsync(profile.Id, ClassifierJobHandler.JobKind, 1, cancellationToken);
        if (training is [{ Status: JobStatus.Queued or JobStatus.Running }])
            return new ModelNotReadyException($"The popularity classifier of '{profile.Name}' is being trained on its {labelled:N0} labelled posts; this page shows it when it is ready.", training: true);
        var minimum = classifierOptions.Value.MinPosts;
        if (pending > 0)
        {
            var early = jobOptions.Value.EarlyTrainingPosts;
            return new ModelNotReadyException($"The media of '{profile.Name}' are being labelled ({labelled:N0} posts labelled so far, {pending:N0} media files to go). " +
                (early > 0 ? $"A first classifier is trained once {Math.Max(early, minimum):N0} posts are labelled and improves as labelling continues; this page shows it when it is ready."
                    : "The classifier is trained when they are done."), training: true);
        }
        if (labelled < minimum)
            return new ModelNotReadyException($"'{profile.Name}' has {labelled:N0} posts with labelled media; the classifier needs at least {minimum:N0}. Import more posts with their media.", training: false);
        if (training is [{ Status: JobStatus.Failed } failed])
            return new ModelNotReadyException($"The popularity classifier of '{profile.Name}' could not be trained: {failed.Error}", training: false);
        return new ModelNotReadyException($"The popularity classifier of '{profile.Name}' is about to be trained; try again in a minute.", training: true);
    }
}
