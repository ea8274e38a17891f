using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Tests.Conversion;

/// <summary>The converted BlazeFace face detector against TF.js on the fixture images (raw anchor outputs).</summary>
[Collection("models")]
public sealed class BlazeFaceParityTests(ModelsFixture models)
{
    // Scores are logits from about -1100 (far background) to +3, box regressions pixel offsets up to
    // ~300: compared relative to max(1, |value|). Measured here: at most 2.4e-5 relative (0.0015 on a
    // logit of -478, 1.7e-5 near the decision boundary); 1e-4 leaves a 4x margin.
    private const float Tolerance = 1e-4f;

    public static TheoryData<string> Images => new(ModelsFixture.Images);

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Outputs_MatchTfjs(string image)
    {
        var session = await models.FloatSessions.GetAsync(ModelNames.BlazeFace);
        var (rgb, width, height) = ModelsFixture.ReadRgb($"{image}-256.png");
        var outputs = session.Run(ImageTensor.FromRgb(rgb, width, height, session.Manifest));
        var expected = ModelsFixture.Reference(ModelNames.BlazeFace)["images"]![image]!;

        Assert.Equal([1, 512, 1], outputs["scores16"].Shape);
        Assert.Equal([1, 384, 1], outputs["scores8"].Shape);
        Assert.Equal([1, 512, 16], outputs["boxes16"].Shape);
        Assert.Equal([1, 384, 16], outputs["boxes8"].Shape);
        foreach (var name in new[] { "scores16", "scores8" })
        {
            var reference = ModelsFixture.Floats(expected[name]);
            Assert.Equal(reference.Length, outputs[name].Values.Length);
            for (var i = 0; i < reference.Length; i++)
                Assert.InRange(Math.Abs(outputs[name].Values[i] - reference[i]), 0, Tolerance * Math.Max(1, Math.Abs(reference[i])));
        }
        foreach (var (name, samples) in new[] { ("boxes16", "boxes16Samples"), ("boxes8", "boxes8Samples") })
        {
            // plain [1, anchors, 16] tensors: same element order in TF.js and ONNX
            foreach (var (index, value) in ModelsFixture.Samples(expected[samples]))
                Assert.InRange(Math.Abs(outputs[name].Values[index] - value), 0, Tolerance * Math.Max(1, Math.Abs(value)));
        }
    }
}
