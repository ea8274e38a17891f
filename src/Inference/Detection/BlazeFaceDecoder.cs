using Insights.Inference.Runtime;

namespace Insights.Inference.Detection;

/// <summary>
/// Decodes BlazeFace's raw anchor outputs as @vladmandic/human does: anchors on a 16x16 grid (2 per
/// cell) then an 8x8 grid (6 per cell); each row is [logit, dx, dy, w, h, 6 keypoints]; box centre =
/// anchor centre + (dx, dy), score = sigmoid(logit); then non-maximum suppression.
/// </summary>
public static class BlazeFaceDecoder
{
    /// <summary>Faces in input pixels. Defaults are those of TF.js's own blazeface model (score 0.75, IoU 0.3, 10 faces).</summary>
    public static IReadOnlyList<Detection> Decode(ModelOutputs outputs, int inputSize = 256, float minScore = 0.75f, float iouThreshold = 0.3f, int maxFaces = 10)
    {
        var candidates = new List<Detection>();
        Add(candidates, outputs["scores16"], outputs["boxes16"], inputSize / 16, 2, minScore);
        Add(candidates, outputs["scores8"], outputs["boxes8"], inputSize / 8, 6, minScore);
        return NonMaxSuppression.Apply(candidates, iouThreshold, minScore, maxFaces);
    }

    private static void Add(List<Detection> result, ModelTensor scores, ModelTensor boxes, int stride, int anchorsPerCell, float minScore)
    {
        var values = boxes.Shape[^1];
        var anchors = scores.Values.Length;
        var cells = anchors / anchorsPerCell;
        var side = (int)Math.Round(Math.Sqrt(cells));
        for (var a = 0; a < anchors; a++)
        {
            var score = 1f / (1f + MathF.Exp(-scores.Values[a]));
            if (score < minScore)
                continue;
            var cell = a / anchorsPerCell;
            var anchorX = stride * (cell % side + 0.5f);
            var anchorY = stride * (cell / side + 0.5f);
            var row = boxes.Values.AsSpan(a * values, values);
            float cx = anchorX + row[0], cy = anchorY + row[1], w = row[2], h = row[3];
            result.Add(new Detection(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, score, 0));
        }
    }
}
