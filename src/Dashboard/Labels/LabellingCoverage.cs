using Insights.Analytics.Annotations;
using Insights.Dashboard.Configuration;
using Insights.Inference.Vision;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Labels;

/// <summary>
/// How far a profile's labelling has got, as a model trained now would see it: labelled posts of all posts, and whether
/// any file still waits for labels of the current labeler version (never, when labelling is off).
/// </summary>
public sealed class LabellingCoverage(AnnotationStore annotations, MediaAnnotator annotator, IOptions<AnnotationOptions> options)
{
    public async Task<TrainingCoverage> ReadAsync(int profileId, CancellationToken cancellationToken = default)
    {
        var coverage = await annotations.CoverageAsync(annotator.Version, profileId, cancellationToken);
        return options.Value.Enabled ? coverage : coverage with { LabellingComplete = true };
    }
}
