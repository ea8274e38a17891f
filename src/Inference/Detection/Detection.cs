namespace Insights.Inference.Detection;

/// <summary>A detected box in model input pixels, with its score and class index (into the manifest's labels).</summary>
public sealed record Detection(float X1, float Y1, float X2, float Y2, float Score, int ClassId)
{
    public float Area => Math.Max(0, X2 - X1) * Math.Max(0, Y2 - Y1);

    public float IntersectionOverUnion(Detection other)
    {
        var w = Math.Min(X2, other.X2) - Math.Max(X1, other.X1);
        var h = Math.Min(Y2, other.Y2) - Math.Max(Y1, other.Y1);
        if (w <= 0 || h <= 0)
            return 0;
        var intersection = w * h;
        return intersection / (Area + other.Area - intersection);
    }
}

/// <summary>Greedy non-maximum suppression, as tf.image.nonMaxSuppression does it (class-agnostic).</summary>
public static class NonMaxSuppression
{
    public static IReadOnlyList<Detection> Apply(IEnumerable<Detection> detections, float iouThreshold, float minScore, int maxCount)
    {
        var kept = new List<Detection>();
        // OrderByDescending is stable: ties keep their input order, like TF's
        foreach (var candidate in detections.Where(d => d.Score >= minScore).OrderByDescending(d => d.Score))
        {
            if (kept.Count >= maxCount)
                break;
            if (kept.All(k => k.IntersectionOverUnion(candidate) <= iouThreshold))
                kept.Add(candidate);
        }

        return kept;
    }
}
