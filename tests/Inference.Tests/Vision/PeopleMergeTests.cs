using Insights.Inference.Vision;

namespace Insights.Inference.Tests.Vision;

/// <summary>The merge of whole-image, tile and face evidence on synthetic boxes whose right count is known.</summary>
public sealed class PeopleMergeTests
{
    private const int Width = 1000, Height = 800;
    private static readonly IReadOnlyList<Tile> Tiles = PersonTiles.For(Width, Height, 256);

    [Fact]
    public void OnePersonFoundByTheWholeImageAndATile_IsOne()
    {
        var candidates = new[] { Whole(100, 100, 200, 400, 0.8f), InTile(0, 105, 95, 205, 405, 0.9f) };

        var people = PeopleMerge.Merge(candidates, [], 0.35f, 0.5f, Width, Height);

        Assert.Equal(0.9f, Assert.Single(people).Score);
    }

    [Fact]
    public void APersonCutInTwoByATileEdge_IsOne()
    {
        // tile 0 ends at x = 600: its box stops at the edge; tile 1 (from x = 400) sees the whole person
        Assert.Equal(600, Tiles[0].Width);
        var candidates = new[] { InTile(0, 560, 300, 600, 500, 0.6f), InTile(1, 540, 300, 640, 500, 0.7f) };

        var people = PeopleMerge.Merge(candidates, [], 0.35f, 0.5f, Width, Height);

        Assert.Single(people);
    }

    [Fact]
    public void ALargePersonSeenInTwoTileHalvesAndWhole_IsOne_EvenWhenAHalfScoresBest()
    {
        // the astronaut fixture's boxes (512 px): the lower tile's half outscores the whole box, whose
        // IoU with it is under 0.5; the upper half overlaps the lower half too little to match it
        var tiles = PersonTiles.For(512, 512, 256);
        var candidates = new[]
        {
            Whole(8, 9, 369, 512, 0.61f), new(new Box(9, 14, 306, 308, 0.41f), tiles[0]),
            new(new Box(206, 10, 365, 306, 0.38f), tiles[1]), new PersonCandidate(new Box(6, 204, 298, 512, 0.69f), tiles[2]),
        };

        var person = Assert.Single(PeopleMerge.Merge(candidates, [], 0.35f, 0.5f, 512, 512));

        Assert.Equal((8f, 9f, 369f, 512f, 0.69f), (person.X1, person.Y1, person.X2, person.Y2, person.Score));
    }

    [Fact]
    public void TwoOverlappingPeopleOfAGroup_StayTwo()
    {
        // the smaller one stands mostly in front of the other (intersection over union 0.43, over the smaller 0.86)
        var candidates = new[] { Whole(100, 100, 300, 500, 0.9f), Whole(150, 150, 270, 450, 0.8f) };

        var people = PeopleMerge.Merge(candidates, [], 0.35f, 0.5f, Width, Height);

        Assert.Equal(2, people.Count);
    }

    [Fact]
    public void SmallPeopleOnlyATileSees_AddToTheWholeImagesPeople()
    {
        var candidates = new[] { Whole(100, 100, 200, 400, 0.8f), InTile(3, 800, 600, 820, 650, 0.5f), InTile(3, 850, 600, 870, 650, 0.45f), InTile(3, 880, 600, 900, 650, 0.2f) };

        var people = PeopleMerge.Merge(candidates, [], 0.35f, 0.5f, Width, Height);

        Assert.Equal(3, people.Count);
    }

    [Fact]
    public void AFaceOutsideEveryPersonBox_AddsAPerson_AndOneInsideDoesNot()
    {
        var candidates = new[] { Whole(100, 100, 200, 400, 0.8f) };
        Box[] faces = [new(130, 110, 170, 150, 0.9f), new(500, 300, 540, 340, 0.85f)];

        var people = PeopleMerge.Merge(candidates, faces, 0.35f, 0.5f, Width, Height);

        Assert.Equal(2, people.Count);
        Assert.Contains(faces[1], people);
    }

    [Fact]
    public void BoxesUnderTheThreshold_DoNotCount()
    {
        var candidates = new[] { Whole(100, 100, 200, 400, 0.3f), InTile(2, 100, 500, 200, 700, 0.34f) };

        Assert.Empty(PeopleMerge.Merge(candidates, [], 0.35f, 0.5f, Width, Height));
        Assert.Equal(2, PeopleMerge.Merge(candidates, [], 0.3f, 0.5f, Width, Height).Count);
    }

    [Fact]
    public void Tiles_CoverTheImageWithOverlap_OnlyWhenLargeEnough()
    {
        Assert.Empty(PersonTiles.For(400, 255, 256));
        Assert.Empty(PersonTiles.For(4000, 3000, 0));
        Assert.Equal(4, Tiles.Count);
        // every pixel is in a tile, and neighbours overlap by a fifth of the side
        Assert.All(new[] { (0, 0), (999, 0), (0, 799), (999, 799), (500, 400) }, p =>
            Assert.Contains(Tiles, t => t.X <= p.Item1 && p.Item1 < t.X + t.Width && t.Y <= p.Item2 && p.Item2 < t.Y + t.Height));
        Assert.Equal(200, Tiles[0].X + Tiles[0].Width - Tiles[1].X);
    }

    private static PersonCandidate Whole(float x1, float y1, float x2, float y2, float score) => new(new Box(x1, y1, x2, y2, score), null);

    private static PersonCandidate InTile(int tile, float x1, float y1, float x2, float y2, float score) => new(new Box(x1, y1, x2, y2, score), Tiles[tile]);
}
