using Insights.Inference.Detection;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Tests.Detection;

/// <summary>Face counts from the converted BlazeFace on the fixture photos, with the decoder's defaults.</summary>
[Collection("models")]
public sealed class BlazeFaceDecoderTests(ModelsFixture models)
{
    [Fact]
    public async Task FindsTheAstronautsFace_OnHerFace()
    {
        var faces = await DetectAsync("astronaut");

        var face = Assert.Single(faces);
        // the face sits in the upper middle of the portrait (the 512 px crop scaled to 256)
        Assert.InRange((face.X1 + face.X2) / 2, 64, 192);
        Assert.InRange((face.Y1 + face.Y2) / 2, 16, 128);
        Assert.InRange(face.X2 - face.X1, 16, 128);
    }

    [Fact]
    public async Task FindsAFace_InTheFootballPhoto() => Assert.NotEmpty(await DetectAsync("messi"));

    [Theory]
    [InlineData("coffee")]
    [InlineData("rocket")]
    [InlineData("text")]
    public async Task FindsNoFace_WithoutPeople(string image) => Assert.Empty(await DetectAsync(image));

    private async Task<IReadOnlyList<Insights.Inference.Detection.Detection>> DetectAsync(string image)
    {
        var session = await models.Sessions.GetAsync(ModelNames.BlazeFace);
        var (rgb, width, height) = ModelsFixture.ReadRgb($"{image}-256.png");
        return BlazeFaceDecoder.Decode(session.Run(ImageTensor.FromRgb(rgb, width, height, session.Manifest)));
    }
}
