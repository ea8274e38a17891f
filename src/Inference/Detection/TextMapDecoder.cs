using Insights.Inference.Runtime;

namespace Insights.Inference.Detection;

/// <summary>A text region: its bounding box in input pixels, pixel count and mean probability.</summary>
public sealed record TextRegion(int X1, int Y1, int X2, int Y2, int Pixels, float MeanScore);

/// <summary>
/// DB post-processing of PaddleOCR's probability map, simplified to axis-aligned boxes: binarise,
/// take 4-connected components, keep those confident and large enough.
/// </summary>
public static class TextMapDecoder
{
    public static IReadOnlyList<TextRegion> Decode(ModelTensor map, float threshold = 0.3f, float boxThreshold = 0.6f, int minPixels = 16)
    {
        int height = map.Shape[^2], width = map.Shape[^1];
        var p = map.Values;
        var label = new int[width * height];
        var regions = new List<TextRegion>();
        var stack = new Stack<int>();
        var next = 0;
        for (var start = 0; start < p.Length && start < width * height; start++)
        {
            if (label[start] != 0 || p[start] <= threshold)
                continue;
            next++;
            int x1 = int.MaxValue, y1 = int.MaxValue, x2 = -1, y2 = -1, count = 0;
            double sum = 0;
            label[start] = next;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                int x = i % width, y = i / width;
                count++;
                sum += p[i];
                x1 = Math.Min(x1, x);
                y1 = Math.Min(y1, y);
                x2 = Math.Max(x2, x);
                y2 = Math.Max(y2, y);
                Visit(x - 1, y);
                Visit(x + 1, y);
                Visit(x, y - 1);
                Visit(x, y + 1);
            }

            var mean = (float)(sum / count);
            if (count >= minPixels && mean >= boxThreshold)
                regions.Add(new TextRegion(x1, y1, x2 + 1, y2 + 1, count, mean));

            void Visit(int x, int y)
            {
                if (x < 0 || y < 0 || x >= width || y >= height)
                    return;
                var j = y * width + x;
                if (label[j] != 0 || p[j] <= threshold)
                    return;
                label[j] = next;
                stack.Push(j);
            }
        }

        return regions;
    }
}
