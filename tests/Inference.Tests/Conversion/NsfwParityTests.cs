using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Tests.Conversion;

/// <summary>The converted nsfwjs MobileNetV2 against the same model run by TF.js on the fixture images.</summary>
[Collection("models")]
public sealed class NsfwParityTests(ModelsFixture models)
{
    // Weights are identical (same uint8 dequantisation); what differs is float32 summation order and
    // batch norm folded in double instead of applied in float32. Measured here: at most 8e-7 on the
    // probabilities and 6e-6 on the embedding (values up to ~5). 1e-4 absolute leaves a 15x margin for
    // other CPUs' kernels and stays far below any real conversion error (a wrong layout, padding or
    // folding moves these by 0.01 or more).
    private const float Tolerance = 1e-4f;

    public static TheoryData<string> Images => new(ModelsFixture.Images);

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Outputs_MatchTfjs(string image)
    {
        var session = await models.FloatSessions.GetAsync(ModelNames.Nsfw);
        var (rgb, width, height) = ModelsFixture.ReadRgb($"{image}-224.png");
        var outputs = session.Run(ImageTensor.FromRgb(rgb, width, height, session.Manifest));
        var expected = ModelsFixture.Reference(ModelNames.Nsfw)["images"]![image]!;

        var probabilities = outputs["probabilities"].Values;
        var expectedProbabilities = ModelsFixture.Floats(expected["probabilities"]);
        Assert.InRange(MaxDifference(probabilities, expectedProbabilities), 0, Tolerance);
        Assert.Equal(ArgMax(expectedProbabilities), ArgMax(probabilities));

        var embedding = outputs["embedding"];
        Assert.Equal([1, 1280], embedding.Shape);
        Assert.InRange(MaxDifference(embedding.Values, ModelsFixture.Floats(expected["embedding"])), 0, Tolerance);

        // the feature map is NCHW [1, 1280, 7, 7]; the reference samples index TF.js's NHWC order
        var features = outputs["features"];
        Assert.Equal([1, 1280, 7, 7], features.Shape);
        foreach (var (index, value) in ModelsFixture.Samples(expected["featureMapSamples"]))
        {
            int c = index % 1280, x = index / 1280 % 7, y = index / 1280 / 7;
            Assert.InRange(Math.Abs(features.Values[(c * 7 + y) * 7 + x] - value), 0, Tolerance);
        }
    }

    internal static float MaxDifference(float[] actual, float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        return actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
    }

    private static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());
}
