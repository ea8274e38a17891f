using Insights.Inference.Detection;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Tests.Detection;

/// <summary>PaddleOCR v4 detection (shipped as ONNX) through the store and the DB-style decoder.</summary>
[Collection("models")]
public sealed class TextDetectorTests(ModelsFixture models)
{
    [Fact]
    public async Task FindsText_OnAnImageWithText()
    {
        var regions = await DetectAsync("text.png");

        Assert.NotEmpty(regions);
        // the OpenCV sample's lines of text cover a good part of the padded square
        Assert.True(regions.Sum(r => r.Pixels) > 512 * 512 / 100, $"text pixels: {regions.Sum(r => r.Pixels)}");
    }

    // Not the cat close-up: at 512 px the detector takes its pupils for text (a DB detector's known
    // weakness on small high-contrast blobs), which the labelers will have to live with.
    [Theory]
    [InlineData("coffee.png")]
    [InlineData("rocket.png")]
    public async Task FindsNoText_OnAPlainPhoto(string image) => Assert.Empty(await DetectAsync(image));

    [Fact]
    public async Task Manifest_DescribesTheVariableSizeInput()
    {
        var session = await models.Sessions.GetAsync(ModelNames.TextDetector);

        Assert.Equal("NCHW", session.Manifest.Input.Layout);
        Assert.Equal(3, session.Manifest.Input.Shape[1]);
        Assert.Equal("onnx", session.Manifest.SourceFormat);
    }

    private async Task<IReadOnlyList<TextRegion>> DetectAsync(string image)
    {
        var session = await models.Sessions.GetAsync(ModelNames.TextDetector);
        var (rgb, width, height) = ModelsFixture.ReadRgb(image);
        var input = ImageTensor.FromRgb(rgb, width, height, session.Manifest);
        var outputs = session.Run(input, [1, 3, height, width]);
        var map = outputs[session.Manifest.Outputs[0].Name];
        Assert.Equal([1, 1, height, width], map.Shape);
        return TextMapDecoder.Decode(map);
    }
}
