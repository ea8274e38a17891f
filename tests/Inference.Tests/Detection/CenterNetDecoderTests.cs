using Insights.Inference.Detection;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Tests.Detection;

/// <summary>COCO objects found by the converted CenterNet, decoded in C# and suppressed as human does (IoU 0.4).</summary>
[Collection("models")]
public sealed class CenterNetDecoderTests(ModelsFixture models)
{
    private const float MinScore = 0.3f;

    [Theory]
    [InlineData("astronaut", "person")]
    [InlineData("messi", "person")]
    [InlineData("messi", "sports ball")]
    // the cup itself (0.38) overlaps the table (0.49) and is suppressed: NMS here is class-agnostic, as in human
    [InlineData("coffee", "dining table")]
    public async Task FindsTheObjectInThePhoto(string image, string label) =>
        Assert.Contains(label, await LabelsAsync(image));

    [Fact]
    public async Task FindsNothing_InTheRocketLaunchPhoto() => Assert.Empty(await LabelsAsync("rocket"));

    private async Task<List<string>> LabelsAsync(string image)
    {
        var session = await models.Sessions.GetAsync(ModelNames.CenterNet);
        var (rgb, width, height) = ModelsFixture.ReadRgb($"{image}.png");
        var outputs = session.Run(ImageTensor.FromRgb(rgb, width, height, session.Manifest));
        var detections = NonMaxSuppression.Apply(CenterNetDecoder.Decode(outputs["heatmap"], outputs["boxes"]), 0.4f, MinScore, 10);
        return [.. detections.Select(d => session.Manifest.Labels[d.ClassId])];
    }
}
