using Insights.Analytics.Annotations;
using Insights.Analytics.Classification;

namespace Insights.Dashboard.Classification;

/// <summary>
/// A profile's trained popularity classifier for one K, as the pages and the predictions API use it: the head, its
/// cross-validated track record, when and on which data stamp it was trained, and the embeddings of the profile's
/// posts (all of them, near-duplicates included) for similar-post search, and how many posts were labelled when it was trained.
/// </summary>
public sealed record ClassifierSnapshot(
    int ProfileId,
    int Classes,
    PopularityClassifier Classifier,
    ClassifierValidation Validation,
    DateTime TrainedUtc,
    string Stamp,
    SimilarPosts Embeddings,
    TrainingCoverage? Coverage = null)
{
    /// <summary>"Trained on 420 of 1,471 posts ...; improves as labelling continues." while the profile's labelling was under way, else null.</summary>
    public string? CoverageNote => Coverage?.Note;
}
