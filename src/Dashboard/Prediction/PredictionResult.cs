using System.Text.Json.Serialization;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Prediction;

/// <summary>
/// What a draft is predicted to do on a profile, and why: saved with the draft (as JSON) and returned by
/// the API. Links are built from <see cref="Id"/>, the saved draft's id.
/// </summary>
public sealed record PredictionResult
{
    /// <summary>The saved draft's id (0 until saved).</summary>
    public long Id { get; init; }
    public required string Profile { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required string ContentType { get; init; }
    public required bool IsVideo { get; init; }
    /// <summary>"images" or "videos": the media group the draft is ranked within.</summary>
    public required string MediaGroup { get; init; }
    public DateTime CreatedUtc { get; init; }

    /// <summary>Predicted popularity class (0 = lowest); null while the profile has no classifier yet (see <see cref="ClassNote"/>).</summary>
    [JsonPropertyName("class")]
    public required int? Class { get; init; }
    public required string? ClassName { get; init; }
    /// <summary>Why there is no class yet (the first model is not trained); null once there is one.</summary>
    public string? ClassNote { get; init; }
    /// <summary>Probability of each class, lowest class first; empty without a class.</summary>
    public required IReadOnlyList<ClassProbability> Probabilities { get; init; }
    /// <summary>
    /// Expected percentile (0..100) of the draft among the profile's past posts of its media group:
    /// sum over classes of P(class) x the middle percentile of that class's band ((c + 0.5) / K).
    /// </summary>
    public required double? ExpectedPercentile { get; init; }

    /// <summary>The classifier's validated track record, shown beside every prediction; null without a class.</summary>
    public required ModelTrackRecord? Model { get; init; }

    /// <summary>The draft's automatic labels (boxes in the draft's pixels), without embedding and feature map.</summary>
    public required LabelSet Labels { get; init; }
    public required IReadOnlyList<SimilarPostView> SimilarPosts { get; init; }
    /// <summary>A past post closer than the classifier's near-duplicate distance; null when none.</summary>
    public DuplicateWarning? Duplicate { get; init; }
    /// <summary>What the label figures of this profile say of the draft's labels.</summary>
    public required IReadOnlyList<DriverHint> Hints { get; init; }
    /// <summary>Why there are no hints, when there are none (no labels yet, no automatic label category).</summary>
    public string? HintsNote { get; init; }
    /// <summary>What the drivers model says of the draft's measurable features; empty for drafts saved before it existed.</summary>
    public IReadOnlyList<FeatureHint> FeatureHints { get; init; } = [];
    /// <summary>The basis of <see cref="FeatureHints"/> (the model's R² and n), or why there are none.</summary>
    public string? FeatureHintsNote { get; init; }

    /// <summary>For a video: the sampled frames, each with its own map.</summary>
    public required IReadOnlyList<FrameMap> Frames { get; init; }

    /// <summary>Where the heatmap PNG is kept in the file store (for a video, the first frame's); empty without a class.</summary>
    public required string HeatmapPath { get; init; }

    public string Heatmap => $"/api/predictions/{Id}/heatmap.png";
    public string Draft => $"/api/predictions/{Id}/file";
}

public sealed record ClassProbability([property: JsonPropertyName("class")] int Class, string Name, double Probability);

/// <summary>
/// The classifier behind a prediction and how it did in cross-validation (stratified 5-fold, repeated),
/// with the majority-class baseline: a prediction is never shown without them.
/// </summary>
/// <param name="AccuracySd">Standard deviation of the accuracy across the repeats.</param>
/// <param name="Stamp">The data stamp, training time and label versions the classifier stands for.</param>
/// <param name="Coverage">"Trained on 420 of 1,471 posts ...; improves as labelling continues." for a model trained while labelling ran, else null.</param>
public sealed record ModelTrackRecord(int Classes, int TrainingPosts, double Accuracy, double AccuracySd, double Top2Accuracy, double Baseline,
    int Folds, int Repeats, DateTime TrainedUtc, string Stamp, string? Coverage = null);

/// <summary>A past post close to the draft: its cover, date, PoR and class, and the cosine similarity of the embeddings.</summary>
public sealed record SimilarPostView(long PostId, string PlatformPostId, DateTime PublishedUtc, string? CoverSha256, string? CoverContentType, string? MediaType,
    double? PopularityRate, int? Class, string? ClassName, double Similarity);

/// <summary>"A near-duplicate was posted on DATE, class LOW".</summary>
public sealed record DuplicateWarning(long PostId, string PlatformPostId, DateTime PublishedUtc, int? Class, string? ClassName, double Distance, double Threshold)
{
    public string Message => $"A near-duplicate was posted on {PublishedUtc:yyyy-MM-dd}, class {ClassName ?? "unknown"}.";
}

/// <summary>One label of the draft with its lift on this profile: "posts with one person do +18% (n = 210, 95% interval +9% to +27%)".</summary>
public sealed record DriverHint(string Category, string Value, int N, double Lift, double LiftLow, double LiftHigh, bool Sparse, string Text);

/// <summary>One sampled video frame: its time, its picture and its map (paths in the file store), its class score.</summary>
public sealed record FrameMap(double Seconds, string FramePath, string HeatmapPath);
