using Insights.Inference.Detection;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Vision;

/// <summary>
/// People count and the COCO classes present, from CenterNet's heads: top-100 peaks, per-class NMS,
/// then the person threshold for people and the object threshold for the other classes.
/// </summary>
internal sealed class PeopleAndObjectsLabeler(LabelOptions options)
{
    public static readonly IReadOnlySet<string> Animals = new HashSet<string>(StringComparer.Ordinal)
    {
        "bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe",
    };

    public const string Model = ModelNames.CenterNet;

    public static ModelInput Prepare(RgbFrame frame, ModelManifest manifest) => new(Model, ModelInputs.Stretched(frame, manifest), null);

    public (PeopleLabel People, IReadOnlyList<ObjectLabel> Objects) Label(ModelOutputs outputs, ModelManifest manifest, RgbFrame frame)
    {
        var minScore = Math.Min(options.PersonThreshold, options.ObjectThreshold);
        var candidates = CenterNetDecoder.Decode(outputs["heatmap"], outputs["boxes"], 100, minScore);
        var sx = (float)frame.Width / manifest.Preprocessing.Width;
        var sy = (float)frame.Height / manifest.Preprocessing.Height;
        var personClass = IndexOf(manifest.Labels, "person");
        var objects = new List<ObjectLabel>();
        IReadOnlyList<Box> people = [];
        foreach (var group in candidates.Where(d => d.Score >= minScore).GroupBy(d => d.ClassId))
        {
            var threshold = group.Key == personClass ? options.PersonThreshold : options.ObjectThreshold;
            var kept = NonMaxSuppression.Apply(group, options.DetectionIou, threshold, 100);
            if (kept.Count == 0)
                continue;
            var boxes = kept.Select(d => new Box(
                Math.Clamp(d.X1 * sx, 0, frame.Width), Math.Clamp(d.Y1 * sy, 0, frame.Height),
                Math.Clamp(d.X2 * sx, 0, frame.Width), Math.Clamp(d.Y2 * sy, 0, frame.Height), d.Score)).ToList();
            var name = manifest.Labels[group.Key];
            objects.Add(new ObjectLabel(name, boxes[0].Score, boxes.Count, Animals.Contains(name), boxes));
            if (group.Key == personClass)
                people = boxes;
        }

        objects.Sort((a, b) => b.Score.CompareTo(a.Score));
        return (new PeopleLabel(people.Count, PeopleLabel.ClassOf(people.Count), people), objects);
    }

    private static int IndexOf(IReadOnlyList<string> labels, string name)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == name)
                return i;
        }

        return -1;
    }
}
