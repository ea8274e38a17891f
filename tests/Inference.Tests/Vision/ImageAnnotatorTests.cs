using System.Text.Json;
using Insights.Inference.Imaging;
using Insights.Inference.Vision;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Insights.Inference.Tests.Vision;

/// <summary>Every labeler on the fixture photos, through the real models.</summary>
[Collection("models")]
public sealed class ImageAnnotatorTests(ModelsFixture models)
{
    private readonly ImageAnnotator _annotator = new(models.Sessions, new ImageDecoder(MsOptions.Create(new LabelOptions())), MsOptions.Create(new LabelOptions()));

    [Fact]
    public async Task Astronaut_IsOnePhotographedPersonWithAFace()
    {
        var labels = await _annotator.AnnotateFileAsync(ModelsFixture.FixturePath("Images", "astronaut.png"));

        Assert.Equal(PeopleClass.OnePerson, labels.People.Class);
        Assert.Equal(1, labels.Faces.Count);
        Assert.False(labels.Style.IsDrawing);
        Assert.False(labels.Text.Present);
        Assert.Equal((512, 512), (labels.Width, labels.Height));
        var face = labels.Faces.Boxes[0];
        // the face is in the upper middle of the photo
        Assert.InRange((face.X1 + face.X2) / 2, 150, 350);
        Assert.InRange((face.Y1 + face.Y2) / 2, 50, 250);
    }

    [Fact]
    public async Task Cat_IsAnAnimal()
    {
        var labels = await _annotator.AnnotateFileAsync(ModelsFixture.FixturePath("Images", "chelsea.png"));

        // CenterNet takes this tabby close-up for a dog (0.56); it is an animal either way
        Assert.Contains(labels.Objects, o => o.IsAnimal && o.Name is "cat" or "dog");
        Assert.Equal(PeopleClass.NoPerson, labels.People.Class);
    }

    [Fact]
    public async Task Cat_WithTheFloatModels_HasAFaceFound_ThatIsNotCountedAsAPerson()
    {
        var annotator = new ImageAnnotator(models.FloatSessions, new ImageDecoder(MsOptions.Create(new LabelOptions())), MsOptions.Create(new LabelOptions()));

        var labels = await annotator.AnnotateFileAsync(ModelsFixture.FixturePath("Images", "chelsea.png"));

        // BlazeFace finds the cat's face; it lies inside the animal's box, so it adds no person
        var face = Assert.Single(labels.Faces.Boxes);
        Assert.Contains(labels.Objects, o => o.IsAnimal && o.Boxes.Any(b => PeopleMerge.CentreInside(face, b)));
        Assert.Equal(PeopleClass.NoPerson, labels.People.Class);
    }

    [Fact]
    public async Task TextImage_HasATextOverlay()
    {
        var labels = await _annotator.AnnotateFileAsync(ModelsFixture.FixturePath("Images", "text.png"));

        Assert.True(labels.Text.Present);
        Assert.InRange(labels.Text.AreaRatio, 0.05f, 0.9f);
        Assert.All(labels.Text.Boxes, b => Assert.True(b.X2 <= 512 && b.Y2 <= 512));
    }

    [Fact]
    public async Task LabelSet_CarriesEmbeddingFeatureMapAndModelVersions_AndRoundTripsThroughJson()
    {
        var labels = await _annotator.AnnotateFileAsync(ModelsFixture.FixturePath("Images", "coffee.png"));

        Assert.Equal(1280, labels.Embedding.Length);
        Assert.Equal(1f, MathF.Sqrt(labels.EmbeddingNormalized.Sum(v => v * v)), 3);
        Assert.Equal([1280, 7, 7], labels.FeatureMap!.Shape);
        Assert.Equal(1280 * 49, labels.FeatureMap.Values.Length);
        Assert.Equal(4, labels.Models.Count);
        Assert.StartsWith("nsfwjs@4.3.0", labels.Models["nsfw-mobilenet-v2"]);

        var json = JsonSerializer.Serialize(labels);
        var back = JsonSerializer.Deserialize<LabelSet>(json)!;

        Assert.Contains("\"OnePerson\"", JsonSerializer.Serialize(labels with { People = new PeopleLabel(1, PeopleClass.OnePerson, []) }));
        Assert.Equal(labels.Embedding, back.Embedding);
        Assert.Equal(labels.Objects.Select(o => o.Name), back.Objects.Select(o => o.Name));
        Assert.Equal(labels.Stats, back.Stats);
        Assert.Equal(labels.Models["centernet"], back.Models["centernet"]);
    }

    [Fact]
    public async Task CorruptUpload_IsAClearError()
    {
        var bytes = await File.ReadAllBytesAsync(ModelsFixture.FixturePath("Images", "coffee.png"));

        var error = await Assert.ThrowsAsync<MediaRejectedException>(() => _annotator.AnnotateAsync(bytes[..200], "draft.png"));

        Assert.Equal(MediaRejection.Corrupt, error.Reason);
        Assert.Contains("draft.png", error.Message);
    }
}
