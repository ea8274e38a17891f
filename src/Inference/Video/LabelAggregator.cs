using Insights.Inference.Vision;

namespace Insights.Inference.Video;

/// <summary>
/// Frame labels to one video label, by DESIGN.md's rules: counts (people, faces, instances of a class)
/// take the largest count that occurs in at least the presence fraction (25%) of the frames; presence
/// labels (objects, text overlay, nsfw) hold when present in at least that fraction; scores and visual
/// stats are means; the embedding is the element-wise max over frames.
/// </summary>
public static class LabelAggregator
{
    public static LabelSet Aggregate(IReadOnlyList<LabelSet> frames, int width, int height, LabelOptions options)
    {
        if (frames.Count == 0)
            throw new ArgumentException("no frame labels to aggregate", nameof(frames));
        var fraction = options.VideoPresenceFraction;
        var people = Count(frames.Select(f => f.People.Count), fraction);
        var faces = Count(frames.Select(f => f.Faces.Count), fraction);

        var objects = frames.SelectMany(f => f.Objects).GroupBy(o => o.Name)
            .Where(g => Present(g.Count(), frames.Count, fraction))
            .Select(g =>
            {
                var counts = frames.Select(f => f.Objects.FirstOrDefault(o => o.Name == g.Key)?.Count ?? 0);
                return new ObjectLabel(g.Key, g.Average(o => o.Score), Math.Max(1, Count(counts, fraction)), g.First().IsAnimal, []);
            })
            .OrderByDescending(o => o.Score)
            .ToList();

        var textPresent = Present(frames.Count(f => f.Text.Present), frames.Count, fraction);
        // overlay text usually stays for several frames: each line once, in order of first appearance
        var lines = frames.SelectMany(f => f.Text.Content.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal);
        var text = new TextOverlayLabel(textPresent, frames.Average(f => f.Text.AreaRatio), [], OverlayTextReader.Cap(string.Join('\n', lines)));

        var probabilities = frames[0].Style.Probabilities.Keys.ToDictionary(k => k, k => frames.Average(f => f.Style.Probabilities.GetValueOrDefault(k)), StringComparer.Ordinal);
        var drawing = frames.Average(f => f.Style.DrawingScore);
        var nsfw = frames.Average(f => f.Style.NsfwScore);
        var style = new StyleLabel(drawing >= options.DrawingThreshold, drawing, Present(frames.Count(f => f.Style.IsNsfw), frames.Count, fraction), nsfw, probabilities);

        var hues = frames.Where(f => f.Stats.DominantHue is not null).GroupBy(f => f.Stats.DominantHue!.Value).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).FirstOrDefault();
        var stats = new VisualStats(
            frames.Average(f => f.Stats.Brightness),
            frames.Average(f => f.Stats.Contrast),
            frames.Average(f => f.Stats.Colourfulness),
            frames.Average(f => f.Stats.Sharpness),
            hues is not null && Present(hues.Count(), frames.Count, fraction) ? hues.Key : null,
            (float)width / height);

        var embedding = MaxPool(frames.Select(f => f.Embedding));
        return new LabelSet
        {
            Kind = MediaKind.Video,
            Width = width,
            Height = height,
            Frames = frames.Count,
            People = new PeopleLabel(people, PeopleLabel.ClassOf(people), []),
            Faces = new FaceLabel(faces, []),
            Objects = objects,
            Text = text,
            Style = style,
            Stats = stats,
            Embedding = embedding,
            EmbeddingNormalized = StyleLabeler.Normalize(embedding),
            FeatureMap = null,
            Models = frames[0].Models,
        };
    }

    /// <summary>
    /// The largest count that occurs in at least <paramref name="fraction"/> of the frames. When no
    /// single count is that frequent (counts spread over many values), the largest c such that at
    /// least that fraction of frames show c or more.
    /// </summary>
    public static int Count(IEnumerable<int> perFrame, double fraction)
    {
        var counts = perFrame.ToList();
        var frequent = counts.GroupBy(c => c).Where(g => Present(g.Count(), counts.Count, fraction)).Select(g => g.Key).ToList();
        if (frequent.Count > 0)
            return frequent.Max();
        return counts.Distinct().Where(c => Present(counts.Count(x => x >= c), counts.Count, fraction)).DefaultIfEmpty(0).Max();
    }

    /// <summary>Present in at least <paramref name="fraction"/> of the frames (a quarter of 12 frames is 3).</summary>
    public static bool Present(int frames, int total, double fraction) => total > 0 && frames >= fraction * total - 1e-9;

    public static float[] MaxPool(IEnumerable<float[]> vectors)
    {
        float[]? result = null;
        foreach (var v in vectors)
        {
            if (result is null)
            {
                result = (float[])v.Clone();
                continue;
            }

            if (v.Length != result.Length)
                throw new ArgumentException($"embeddings of different lengths: {result.Length} and {v.Length}");
            for (var i = 0; i < v.Length; i++)
                result[i] = Math.Max(result[i], v[i]);
        }

        return result ?? throw new ArgumentException("no embeddings to pool");
    }
}
