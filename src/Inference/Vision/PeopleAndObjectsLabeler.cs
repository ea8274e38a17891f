using Insights.Inference.Detection;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Vision;

/// <summary>
/// People count and the COCO classes present, from CenterNet's heads: top-100 peaks, per-class NMS,
/// then the person threshold for people and the object threshold for the other classes. People are
/// also looked for on overlapping tiles of a large enough image, and a face outside every person box (and
/// every animal's) adds one (<see cref="PeopleMerge"/>): small and partly hidden people are what the
/// whole-image pass misses.
/// </summary>
internal sealed class PeopleAndObjectsLabeler(LabelOptions options)
{
    public static readonly IReadOnlySet<string> Animals = new HashSet<string>(StringComparer.Ordinal)
    {
        "bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe",
    };

    public const string Model = ModelNames.CenterNet;

    public static ModelInput Prepare(RgbFrame frame, ModelManifest manifest) => new(Model, ModelInputs.Stretched(frame, manifest), null);

    /// <summary>The tiles of <paramref name="frame"/> CenterNet looks at again for people (none for a small image).</summary>
    public IReadOnlyList<Tile> Tiles(RgbFrame frame) => PersonTiles.For(frame.Width, frame.Height, options.PersonTileMinSide);

    public static ModelInput PrepareTile(RgbFrame frame, Tile tile, ModelManifest manifest) =>
        Prepare(frame.Crop(tile.X, tile.Y, tile.Width, tile.Height), manifest);

    /// <summary>
    /// People from the whole image's outputs, each tile's outputs (in <see cref="Tiles"/> order) and the
    /// faces; objects from the whole image alone.
    /// </summary>
    public (PeopleLabel People, IReadOnlyList<ObjectLabel> Objects) Label(ModelOutputs outputs, IReadOnlyList<ModelOutputs> tileOutputs, FaceLabel faces, ModelManifest manifest, RgbFrame frame)
    {
        var (_, objects) = Label(outputs, manifest, frame);
        var candidates = PersonCandidates(outputs, tileOutputs, manifest, frame, options.PersonThreshold);
        // BlazeFace also finds the faces of cats and dogs: a face inside an animal's box is not a missed person
        var animals = objects.Where(o => o.IsAnimal).SelectMany(o => o.Boxes).ToList();
        var personFaces = options.FacesAddPeople ? faces.Boxes.Where(f => !animals.Any(a => PeopleMerge.CentreInside(f, a))).ToList() : [];
        var people = PeopleMerge.Merge(candidates, personFaces, options.PersonThreshold, options.DetectionIou, frame.Width, frame.Height);
        return (new PeopleLabel(people.Count, PeopleLabel.ClassOf(people.Count), people), objects);
    }

    /// <summary>Person boxes from at least <paramref name="minScore"/> of the whole image and its tiles, in image pixels.</summary>
    public IReadOnlyList<PersonCandidate> PersonCandidates(ModelOutputs outputs, IReadOnlyList<ModelOutputs> tileOutputs, ModelManifest manifest, RgbFrame frame, float minScore)
    {
        var personClass = IndexOf(manifest.Labels, "person");
        var tiles = Tiles(frame);
        var candidates = new List<PersonCandidate>();
        for (var pass = -1; pass < tileOutputs.Count; pass++)
        {
            var tile = pass < 0 ? null : tiles[pass];
            var (x0, y0, w, h) = tile is null ? (0, 0, frame.Width, frame.Height) : (tile.X, tile.Y, tile.Width, tile.Height);
            float sx = (float)w / manifest.Preprocessing.Width, sy = (float)h / manifest.Preprocessing.Height;
            var detections = CenterNetDecoder.Decode((pass < 0 ? outputs : tileOutputs[pass])["heatmap"], (pass < 0 ? outputs : tileOutputs[pass])["boxes"], 100, minScore);
            candidates.AddRange(detections.Where(d => d.ClassId == personClass && d.Score >= minScore).Select(d => new PersonCandidate(new Box(
                Math.Clamp(x0 + d.X1 * sx, x0, x0 + w), Math.Clamp(y0 + d.Y1 * sy, y0, y0 + h),
                Math.Clamp(x0 + d.X2 * sx, x0, x0 + w), Math.Clamp(y0 + d.Y2 * sy, y0, y0 + h), d.Score), tile)));
        }

        return candidates;
    }

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
