using Insights.Analytics.Domain;

namespace Insights.Analytics.Classification;

/// <summary>One training example: a post's L2-normalised embedding and its rolling-window popularity class (0 = lowest).</summary>
public sealed record ClassifierPost(long PostId, MediaType MediaType, DateTime PublishedUtc, float[] Normalized, int Class)
{
    public MediaGroup Group => MediaType.Group();
}
