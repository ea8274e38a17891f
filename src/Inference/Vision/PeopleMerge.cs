namespace Insights.Inference.Vision;

/// <summary>
/// One list of people from the whole-image pass, the tile passes and the faces: greedy NMS over all
/// person boxes from the threshold up, best first; then each face whose centre lies in no kept person
/// box adds a person (a face is a person the detector missed, typically a small or partly hidden one).
/// </summary>
public static class PeopleMerge
{
    /// <summary>Share of the smaller box inside the larger from which a box cut by a tile edge is the same person as the other.</summary>
    public const float CutOverlap = 0.6f;

    public static IReadOnlyList<Box> Merge(IReadOnlyList<PersonCandidate> candidates, IReadOnlyList<Box> faces, float threshold, float iou, int imageWidth, int imageHeight)
    {
        var kept = new List<PersonCandidate>();
        // OrderByDescending is stable: equal scores keep the whole-image pass (listed first) ahead
        foreach (var candidate in candidates.Where(c => c.Box.Score >= threshold).OrderByDescending(c => c.Box.Score))
        {
            var same = kept.FindIndex(k => Same(k, candidate, iou, imageWidth, imageHeight));
            if (same < 0)
                kept.Add(candidate);
            // a part cut by a tile edge gives way to the whole person (keeping the better score), so the
            // person's other parts are then matched against the whole box
            else if (Cut(kept[same], imageWidth, imageHeight) && !Cut(candidate, imageWidth, imageHeight))
                kept[same] = candidate with { Box = candidate.Box with { Score = kept[same].Box.Score } };
        }

        var people = kept.Select(k => k.Box).ToList();
        foreach (var face in faces)
        {
            if (!people.Any(p => CentreInside(face, p)))
                people.Add(face);
        }

        return people;
    }

    /// <summary>Whether the centre of <paramref name="inner"/> lies within <paramref name="outer"/>.</summary>
    public static bool CentreInside(Box inner, Box outer)
    {
        float cx = (inner.X1 + inner.X2) / 2, cy = (inner.Y1 + inner.Y2) / 2;
        return outer.X1 <= cx && cx <= outer.X2 && outer.Y1 <= cy && cy <= outer.Y2;
    }

    // Two boxes are one person when they overlap as NMS says, or when one was cut by its tile's inner
    // edge and lies mostly inside the other (its other half, or the whole person from another pass).
    // Boxes of whole people are never merged by containment: a group's people overlap a lot.
    private static bool Same(PersonCandidate a, PersonCandidate b, float iou, int width, int height)
    {
        if (IntersectionOverUnion(a.Box, b.Box) > iou)
            return true;
        return (Cut(a, width, height) || Cut(b, width, height)) && Intersection(a.Box, b.Box) >= CutOverlap * Math.Min(Area(a.Box), Area(b.Box));
    }

    private static bool Cut(PersonCandidate c, int width, int height) => c.Tile?.CutsBox(c.Box, width, height) ?? false;

    private static float Area(Box b) => Math.Max(0, b.X2 - b.X1) * Math.Max(0, b.Y2 - b.Y1);

    private static float Intersection(Box a, Box b) =>
        Math.Max(0, Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1)) * Math.Max(0, Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1));

    private static float IntersectionOverUnion(Box a, Box b)
    {
        var i = Intersection(a, b);
        return i <= 0 ? 0 : i / (Area(a) + Area(b) - i);
    }
}
