using Insights.Inference.Video;
using Insights.Inference.Vision;

namespace Insights.Inference.Tests.Video;

/// <summary>DESIGN.md's video rules on constructed frame label sets.</summary>
public sealed class LabelAggregatorTests
{
    private static readonly LabelOptions Options = new();

    [Fact]
    public void People_IsTheLargestCountInAtLeastAQuarterOfTheFrames()
    {
        // 12 frames: 0 x5, 1 x4, 3 x3 (a quarter), 5 x0
        var video = Aggregate([0, 0, 0, 0, 0, 1, 1, 1, 1, 3, 3, 3]);

        Assert.Equal(3, video.People.Count);
        Assert.Equal(PeopleClass.ThreeOrMore, video.People.Class);
    }

    [Fact]
    public void People_ACountInFewerThanAQuarterOfTheFrames_DoesNotCount()
    {
        // 4 people in 2 of 12 frames (a sixth): the video shows one person
        var video = Aggregate([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 4]);

        Assert.Equal(1, video.People.Count);
        Assert.Equal(PeopleClass.OnePerson, video.People.Class);
    }

    [Fact]
    public void Count_WhenNoSingleCountIsFrequent_FallsBackToAtLeastThatMany() =>
        // 8 frames, every count once: at least 6 people in 2 of 8 frames (a quarter), at least 7 in only 1
        Assert.Equal(6, LabelAggregator.Count([0, 1, 2, 3, 4, 5, 6, 7], 0.25));

    [Fact]
    public void Presence_NeedsAQuarterOfTheFrames()
    {
        bool[] dogs = [true, true, true, false, false, false, false, false, false, false, false, false];
        bool[] cats = [true, true, false, false, false, false, false, false, false, false, false, false];
        var frames = dogs.Select((dog, i) => Frame(0, objects: [.. dog ? new[] { Object("dog", 0.6f) } : [], .. cats[i] ? new[] { Object("cat", 0.9f) } : []], text: i < 3)).ToList();

        var video = LabelAggregator.Aggregate(frames, 640, 360, Options);

        Assert.Equal(["dog"], video.Objects.Select(o => o.Name));
        Assert.True(video.Objects[0].IsAnimal);
        Assert.True(video.Text.Present);
        Assert.Equal(12, video.Frames);
        Assert.Equal(MediaKind.Video, video.Kind);
    }

    [Fact]
    public void Text_InTwoOfTwelveFrames_IsNotPresent()
    {
        var frames = Enumerable.Range(0, 12).Select(i => Frame(0, text: i < 2)).ToList();

        Assert.False(LabelAggregator.Aggregate(frames, 640, 360, Options).Text.Present);
    }

    [Fact]
    public void OverlayText_IsEachLineOnce_InOrderOfFirstAppearance_Capped()
    {
        var frames = new[] { "Sale\n50% off", "Sale\n50% off", "", "Sale\nEnds Sunday" }
            .Select(content => Frame(0, text: true) with { Text = new TextOverlayLabel(true, 0.1f, [], content) }).ToList();

        Assert.Equal("Sale\n50% off\nEnds Sunday", LabelAggregator.Aggregate(frames, 640, 360, Options).Text.Content);

        // twelve frames of different long lines stay within the cap, cut at a word boundary
        var lines = Enumerable.Range(0, 12).Select(i => $"line {i} " + new string('x', 60) + " end").ToList();
        var content = LabelAggregator.Aggregate([.. lines.Select(l => Frame(0, text: true) with { Text = new TextOverlayLabel(true, 0.1f, [], l) })], 640, 360, Options).Text.Content;
        var full = string.Join('\n', lines);
        Assert.InRange(content.Length, OverlayTextReader.MaxLength / 2, OverlayTextReader.MaxLength);
        Assert.StartsWith(content, full, StringComparison.Ordinal);
        Assert.Contains(full[content.Length], " \n");
    }

    [Fact]
    public void Scores_AreMeans_AndTheEmbeddingIsTheElementwiseMax()
    {
        var frames = new[]
        {
            Frame(0, drawing: 0.2f, brightness: 0.2f, embedding: [1, 0, 5]),
            Frame(0, drawing: 0.6f, brightness: 0.4f, embedding: [0, 3, 2]),
            Frame(0, drawing: 1.0f, brightness: 0.9f, embedding: [2, 1, 0]),
        };

        var video = LabelAggregator.Aggregate(frames, 640, 320, Options);

        Assert.Equal(0.6f, video.Style.DrawingScore, 4);
        Assert.True(video.Style.IsDrawing);
        Assert.Equal(0.5f, video.Stats.Brightness, 4);
        Assert.Equal([2f, 3f, 5f], video.Embedding);
        Assert.Equal(1f, MathF.Sqrt(video.EmbeddingNormalized.Sum(v => v * v)), 4);
        Assert.Equal(2f, video.Stats.AspectRatio);
        Assert.Null(video.FeatureMap);
    }

    private static LabelSet Aggregate(int[] people) => LabelAggregator.Aggregate([.. people.Select(p => Frame(p))], 640, 360, Options);

    private static ObjectLabel Object(string name, float score) => new(name, score, 1, PeopleAndObjectsLabeler.Animals.Contains(name), []);

    internal static LabelSet Frame(int people, IReadOnlyList<ObjectLabel>? objects = null, bool text = false, float drawing = 0, float brightness = 0.5f, float[]? embedding = null) => new()
    {
        Kind = MediaKind.Image,
        Width = 640,
        Height = 360,
        People = new PeopleLabel(people, PeopleLabel.ClassOf(people), []),
        Faces = new FaceLabel(0, []),
        Objects = objects ?? [],
        Text = new TextOverlayLabel(text, text ? 0.1f : 0, []),
        Style = new StyleLabel(drawing >= 0.5f, drawing, false, 0, new Dictionary<string, float> { ["drawing"] = drawing, ["neutral"] = 1 - drawing }),
        Stats = new VisualStats(brightness, 0.2f, 10, 100, 30, 640 / 360f),
        Embedding = embedding ?? [1, 2, 3],
        EmbeddingNormalized = [],
        Models = new Dictionary<string, string> { ["m"] = "v1" },
    };
}
