using Insights.Analytics.Domain;
using Insights.Dashboard.Model;
using Insights.Inference.Vision;

namespace Insights.Dashboard.Tests.Model;

public class LibraryModelTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A label set with what the filters read; everything else plain.</summary>
    internal static LabelSet Labels(int people = 0, int faces = 0, bool text = false, bool drawing = false, bool nsfw = false, params (string Name, bool Animal)[] objects)
    {
        var box = new Box(10, 10, 50, 80, 0.9f);
        return new LabelSet
        {
            Kind = MediaKind.Image,
            Width = 200,
            Height = 100,
            People = new PeopleLabel(people, PeopleLabel.ClassOf(people), Enumerable.Repeat(box, people).ToList()),
            Faces = new FaceLabel(faces, Enumerable.Repeat(box, faces).ToList()),
            Objects = objects.Select(o => new ObjectLabel(o.Name, 0.8f, 1, o.Animal, [box])).ToList(),
            Text = new TextOverlayLabel(text, text ? 0.12f : 0f, text ? [box] : []),
            Style = new StyleLabel(drawing, drawing ? 0.9f : 0.1f, nsfw, nsfw ? 0.9f : 0.01f, new Dictionary<string, float> { ["neutral"] = 0.9f }),
            Stats = new VisualStats(0.5f, 0.2f, 30f, 400f, 200f, 2f),
            Embedding = [],
            EmbeddingNormalized = [],
            Models = new Dictionary<string, string> { ["centernet"] = "test" },
        };
    }

    private static LibraryPost Post(int id, LabelSet? labels, MediaType type = MediaType.Image, string? error = null, int assets = 1) =>
        new(id, $"P{id}", Start.AddDays(id), type,
            Enumerable.Range(0, assets).Select(i => new LibraryAsset(id * 10 + i, new string((char)('a' + i), 64), type == MediaType.Video, i, i == 0 ? labels : null, i == 0 ? error : null)).ToList());

    private static readonly IReadOnlyList<LibraryPost> Posts =
    [
        Post(1, Labels(people: 1, faces: 1)),
        Post(2, Labels(people: 1, faces: 2, text: true)),
        Post(3, Labels(people: 2, faces: 2, objects: [("dog", true), ("chair", false)])),
        Post(4, Labels(people: 0, drawing: true, objects: [("cat", true)])),
        Post(5, Labels(people: 5, nsfw: true), MediaType.Video),
        Post(6, null),
        Post(7, null, error: "corrupt JPEG"),
        Post(8, Labels(people: 1), MediaType.Carousel, assets: 3),
        new LibraryPost(9, "P9", Start.AddDays(9), MediaType.Image, []),
    ];

    [Fact]
    public void PeopleFilter_MatchesTheClass_AndCountsAgainstEveryPostInRange()
    {
        var model = LibraryModel.Build(Posts, LibraryFilter.Parse(people: "one_person"), 1);

        Assert.Equal(["P8", "P2", "P1"], model.Items.Select(p => p.PlatformPostId));
        Assert.Equal("3 of 9 posts", model.CountText);
    }

    [Theory]
    [InlineData("0", new[] { "P8", "P5", "P4" })]
    [InlineData("1", new[] { "P1" })]
    [InlineData("2plus", new[] { "P3", "P2" })]
    public void FacesFilter_SplitsNoneOneAndTwoOrMore(string faces, string[] expected) =>
        Assert.Equal(expected, Ids(LibraryFilter.Parse(faces: faces)));

    [Fact]
    public void AnimalFilter_AnyNoneOrOne_AndObjectFilter()
    {
        Assert.Equal(["P4", "P3"], Ids(LibraryFilter.Parse(animal: "any")));
        Assert.Equal(["P3"], Ids(LibraryFilter.Parse(animal: "dog")));
        Assert.Equal(["P8", "P5", "P2", "P1"], Ids(LibraryFilter.Parse(animal: "none")));
        Assert.Equal(["P3"], Ids(LibraryFilter.Parse(obj: "chair")));
        // A chair is no animal.
        Assert.Empty(Ids(LibraryFilter.Parse(animal: "chair")));
    }

    [Fact]
    public void TextDrawingNsfwAndMediaType_Filter_AndCombine()
    {
        Assert.Equal(["P2"], Ids(LibraryFilter.Parse(text: "yes")));
        Assert.Equal(["P4"], Ids(LibraryFilter.Parse(style: "drawing")));
        Assert.Equal(["P5"], Ids(LibraryFilter.Parse(nsfw: "yes")));
        Assert.Equal(["P5"], Ids(LibraryFilter.Parse(type: "video")));
        Assert.Equal(["P8"], Ids(LibraryFilter.Parse(type: "carousel")));
        Assert.Equal(["P8", "P1"], Ids(LibraryFilter.Parse(people: "one_person", text: "no", style: "photo")));
    }

    [Fact]
    public void PostsWithoutLabels_NeverMatchALabelFilter_ButShowWithoutOne_AndByTheirState()
    {
        Assert.DoesNotContain("P6", Ids(LibraryFilter.Parse(people: "no_person")));
        Assert.DoesNotContain("P7", Ids(LibraryFilter.Parse(text: "no")));
        Assert.Contains("P6", Ids(LibraryFilter.None));
        Assert.Equal(["P6"], Ids(LibraryFilter.Parse(status: "waiting")));
        Assert.Equal(["P7"], Ids(LibraryFilter.Parse(status: "failed")));
        Assert.Equal(["P9"], Ids(LibraryFilter.Parse(status: "nomedia")));

        var model = LibraryModel.Build(Posts, LibraryFilter.None, 1);
        Assert.Equal(6, model.Labelled);
        Assert.Equal(1, model.Waiting);
        Assert.Equal(1, model.Failed);
    }

    [Fact]
    public void UnknownValues_AreNoFilter()
    {
        var filter = LibraryFilter.Parse(people: "crowd", faces: "7", animal: "<script>", text: "maybe", style: "oil", nsfw: "1", type: "story", status: "x");

        Assert.True(filter.IsEmpty);
        Assert.Equal(9, LibraryModel.Build(Posts, filter, 1).Matching);
    }

    [Fact]
    public void Query_RoundTrips_AndDropsFiltersThatAreOff()
    {
        var filter = LibraryFilter.Parse(people: "three_or_more", faces: "2plus", animal: "teddy bear", obj: "car", text: "no", style: "drawing", nsfw: "no", type: "carousel", status: "labelled");

        var query = filter.ToQuery();
        var back = LibraryFilter.Parse((string?)query["people"], (string?)query["faces"], (string?)query["animal"], (string?)query["object"],
            (string?)query["text"], (string?)query["style"], (string?)query["nsfw"], (string?)query["type"], (string?)query["status"]);

        Assert.Equal(filter, back);
        Assert.Equal("three_or_more", query["people"]);
        Assert.All(LibraryFilter.None.ToQuery().Values, Assert.Null);
    }

    [Fact]
    public void Pages_CutTheNewestFirst_AndClampAPageOutOfRange()
    {
        var many = Enumerable.Range(1, 130).Select(i => Post(i, Labels())).ToList();

        var first = LibraryModel.Build(many, LibraryFilter.None, 1);
        var last = LibraryModel.Build(many, LibraryFilter.None, 99);

        Assert.Equal(3, first.Pages);
        Assert.Equal(LibraryModel.PageSize, first.Items.Count);
        Assert.Equal("P130", first.Items[0].PlatformPostId);
        Assert.Equal(3, last.Page);
        Assert.Equal(["P10", "P9", "P8", "P7", "P6", "P5", "P4", "P3", "P2", "P1"], last.Items.Select(p => p.PlatformPostId));
        Assert.Equal("130 of 130 posts", last.CountText);
    }

    [Fact]
    public void FilterOptions_ListTheAnimalsAndObjectsPresent_WithTheirPosts()
    {
        var model = LibraryModel.Build(Posts, LibraryFilter.None, 1);

        Assert.Equal([new FilterOption("cat", 1), new FilterOption("dog", 1)], model.Animals);
        Assert.Equal([new FilterOption("chair", 1)], model.Objects);
    }

    [Fact]
    public void APost_IsReadByItsFirstLabelledMediaFile()
    {
        var second = Labels(people: 2);
        var post = new LibraryPost(1, "C1", Start, MediaType.Carousel,
        [
            new LibraryAsset(1, new string('a', 64), false, 0, null, "cannot read"),
            new LibraryAsset(2, new string('b', 64), false, 1, second, null),
        ]);

        Assert.Same(second, post.Labels);
        Assert.Equal(LabelState.Labelled, post.State);
        Assert.True(LibraryFilter.Parse(people: "two_persons").Matches(post));
    }

    [Fact]
    public void Words_MatchThePostsWhoseFilesTheDatabaseFound_AndStandInTheUrl()
    {
        var filter = LibraryFilter.Parse(words: "  sale ", text: "yes");
        // the database found P2's file and a file of the unlabelled P6 (labels not read yet: no match)
        var model = LibraryModel.Build(Posts, filter, 1, wordMatches: new HashSet<long> { 20, 60 });

        Assert.Equal("sale", filter.Words);
        Assert.Equal("sale", filter.ToQuery()["q"]);
        Assert.True(filter.ReadsLabels);
        Assert.Equal(["P2"], model.Items.Select(p => p.PlatformPostId));
        Assert.Empty(LibraryModel.Build(Posts, filter, 1, wordMatches: new HashSet<long>()).Items);
        Assert.Null(LibraryFilter.Parse(words: "   ").Words);
        Assert.Null(LibraryFilter.None.ToQuery()["q"]);
    }

    private static List<string> Ids(LibraryFilter filter) =>
        LibraryModel.Build(Posts, filter, 1).Items.Select(p => p.PlatformPostId).ToList();
}
