using Microsoft.ML.Data;

namespace Insights.Analytics.Engagement;

/// <summary>Input schema of the drivers model: the encoded feature vector (size set at run time) and the label (log of the target).</summary>
public sealed class PostFeatures
{
    public float Label { get; set; }

    [VectorType]
    public float[] Features { get; set; } = [];
}
