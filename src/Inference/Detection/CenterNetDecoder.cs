using Insights.Inference.Runtime;

namespace Insights.Inference.Detection;

/// <summary>
/// Decodes CenterNet's raw heads the way the model's own (cut-away) post-processing does: a class
/// peak is a heatmap value equal to the max of its 3x3 neighbourhood; the top k peaks over all
/// (y, x, class) become boxes from the cell centre (stride 4) minus/plus the predicted edge distances.
/// </summary>
public static class CenterNetDecoder
{
    /// <summary>
    /// Top-<paramref name="topK"/> detections, best first, from NCHW heads [1, classes, h, w] and [1, 4, h, w].
    /// Cells below <paramref name="minScore"/> are skipped before the peak test (a labeler that will drop
    /// them anyway saves most of the 3x3 comparisons).
    /// </summary>
    public static IReadOnlyList<Detection> Decode(ModelTensor heatmap, ModelTensor boxes, int topK = 100, float minScore = 0)
    {
        int classes = heatmap.Shape[1], height = heatmap.Shape[2], width = heatmap.Shape[3];
        var stride = 4f;
        var heat = heatmap.Values;
        var plane = height * width;
        var peaks = new List<(float Score, int Index)>();
        for (var c = 0; c < classes; c++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var v = heat[c * plane + y * width + x];
                    if (v > 0 && v >= minScore && IsPeak(heat, c * plane, width, height, x, y, v))
                        peaks.Add((v, (y * width + x) * classes + c));
                }
            }
        }

        // the graph ranks by score over the NHWC-flattened index; ties go to the lower index
        peaks.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));
        var result = new List<Detection>(Math.Min(topK, peaks.Count));
        foreach (var (score, index) in peaks.Take(topK))
        {
            var c = index % classes;
            var cell = index / classes;
            int y = cell / width, x = cell % width;
            var cx = x * stride;
            var cy = y * stride;
            var b = boxes.Values;
            var cellIndex = y * width + x;
            result.Add(new Detection(cx - b[cellIndex], cy - b[plane + cellIndex], cx + b[2 * plane + cellIndex], cy + b[3 * plane + cellIndex], score, c));
        }

        return result;
    }

    // 3x3 max pooling with SAME padding ignores cells outside the map
    private static bool IsPeak(float[] heat, int offset, int width, int height, int x, int y, float v)
    {
        for (var dy = -1; dy <= 1; dy++)
        {
            var yy = y + dy;
            if (yy < 0 || yy >= height)
                continue;
            for (var dx = -1; dx <= 1; dx++)
            {
                var xx = x + dx;
                if (xx >= 0 && xx < width && heat[offset + yy * width + xx] > v)
                    return false;
            }
        }

        return true;
    }
}
