using Insights.Analytics.Classification;
using Insights.Inference.Video;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Prediction;

/// <summary>
/// The heavy part of a prediction: labels, head, rendered maps, nearest past posts. Without a classifier the
/// probabilities are empty, <see cref="Predicted"/> is null and there are no maps (a map is of a class).
/// </summary>
public sealed record DraftAnalysis(VideoAnnotation Annotation, double[] Probabilities, int? Predicted, IReadOnlyList<RenderedMap> Maps, IReadOnlyList<SimilarPost> Similar);

/// <summary>A class activation map rendered as PNG, and for a video frame its picture as JPEG and its time.</summary>
public sealed record RenderedMap(double Seconds, byte[]? Frame, byte[] Heatmap);

/// <summary>
/// Runs every labeler on a draft file, the profile's head on its embedding, the class activation map of the
/// predicted class (per sampled frame for a video) and the exact cosine search over the profile's posts.
/// What <see cref="PredictionService"/> runs in its queue, and what the benchmark times end to end. With no
/// classifier (the profile's first model is not trained yet) only the labels and the nearest posts are found.
/// </summary>
public static class DraftAnalyzer
{
    public static async Task<DraftAnalysis> AnalyseAsync(MediaAnnotator annotator, string path, string name, PopularityClassifier? classifier,
        SimilarPosts posts, int similar, int heatmapSide, CancellationToken cancellationToken = default)
    {
        var annotation = await annotator.AnnotateFileAsync(path, name, keepFrames: classifier is not null, cancellationToken);
        var nearest = posts.Count > 0 ? posts.Top(annotation.Labels.EmbeddingNormalized, similar) : [];
        if (classifier is null)
            return new DraftAnalysis(annotation, [], null, [], nearest);
        var probabilities = classifier.Probabilities(annotation.Labels.EmbeddingNormalized).Select(p => (double)p).ToArray();
        var predicted = Array.IndexOf(probabilities, probabilities.Max());
        var weights = CentredWeights(classifier, predicted);
        var maps = new List<RenderedMap>();
        if (annotation.Frames.Count == 0)
        {
            if (annotation.Labels.FeatureMap is { } features)
                maps.Add(new RenderedMap(0, null, Render(features, weights, annotation.Labels.Width, annotation.Labels.Height, heatmapSide)));
        }
        else
        {
            foreach (var frame in annotation.Frames)
            {
                if (frame.Labels.FeatureMap is not { } features || frame.Frame is null)
                    continue;
                maps.Add(new RenderedMap(frame.Seconds, HeatmapRenderer.RenderJpeg(frame.Frame, heatmapSide),
                    Render(features, weights, frame.Frame.Width, frame.Frame.Height, heatmapSide)));
            }
        }
        return new DraftAnalysis(annotation, probabilities, predicted, maps, nearest);
    }

    /// <summary>
    /// The predicted class's weights minus the mean weights of all classes. A softmax head gives the same
    /// probabilities when one vector is added to every class's weights, so only these differences mean
    /// anything; the map of the raw weights would mostly show what every class has in common.
    /// </summary>
    public static float[] CentredWeights(PopularityClassifier classifier, int predicted)
    {
        var classes = classifier.ClassCount;
        var all = Enumerable.Range(0, classes).Select(classifier.ClassWeights).ToArray();
        var result = new float[classifier.Dimensions];
        for (var k = 0; k < result.Length; k++)
        {
            var mean = 0f;
            for (var c = 0; c < classes; c++)
                mean += all[c][k];
            result[k] = all[predicted][k] - mean / classes;
        }
        return result;
    }

    private static byte[] Render(FeatureMap features, float[] weights, int width, int height, int side) =>
        HeatmapRenderer.RenderPng(ClassActivationMap.Compute(features, weights), features.Shape[2], features.Shape[1], width, height, side);
}
