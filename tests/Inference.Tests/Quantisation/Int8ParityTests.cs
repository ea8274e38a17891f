using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Insights.Inference.Vision;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace Insights.Inference.Tests.Quantisation;

/// <summary>
/// The int8 models against the float models they were quantised from, on the six fixture images (none of
/// them a demo image, so neither calibration nor gate saw them). Tolerances are those of 8-bit activations:
/// measured on an AVX-512 VNNI machine (with 8-bit weights throughout) and an AVX2-only EPYC (with today's weights),
/// nsfw probabilities move by at most 0.12 (0.002 to 0.03 on confident images) and the embedding keeps its
/// direction (cosine above 0.99); 0.15 and 0.97 leave
/// room for other CPUs' kernels and still fail on a wrong scale, zero point or channel axis (which moves
/// probabilities by 0.3 or more), and on int16 overflow in the kernels of CPUs without VNNI (cosine 0.94 with
/// 8-bit weights in Convs over many channels; see WeightQuantisation).
/// </summary>
[Collection("models")]
public sealed class Int8ParityTests(ModelsFixture models, ITestOutputHelper output)
{
    private const float ProbabilityTolerance = 0.15f;
    private const float MinEmbeddingCosine = 0.97f;

    // CenterNet's person scores (heatmap class 0) move by up to 0.18 on the EPYC (astronaut; 0.02 to 0.16 on the others),
    // enough to move a person across the 0.375 threshold: 0.25 leaves room for other CPUs' kernels
    private const float PersonScoreTolerance = 0.25f;

    public static TheoryData<string> Images => new(ModelsFixture.Images);

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Nsfw_Int8_KeepsProbabilitiesEmbeddingAndDrawingLabel(string image)
    {
        var (manifest, expected, actual, _) = await RunBothAsync(ModelNames.Nsfw, image);

        var difference = Int8Difference(expected["probabilities"].Values, actual["probabilities"].Values);
        var cosine = Cosine(expected["embedding"].Values, actual["embedding"].Values);
        output.WriteLine($"{image}: max probability difference {difference:F4}, embedding cosine {cosine:F4}");
        Assert.InRange(difference, 0, ProbabilityTolerance);
        Assert.InRange(cosine, MinEmbeddingCosine, 1.0001f);
        var labeler = new StyleLabeler(new LabelOptions());
        Assert.Equal(labeler.Label(expected, manifest).Style.IsDrawing, labeler.Label(actual, manifest).Style.IsDrawing);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task BlazeFace_Int8_CountsFacesWithinOne(string image)
    {
        var (manifest, floatOutputs, int8Outputs, frame) = await RunBothAsync(ModelNames.BlazeFace, image);
        var labeler = new FaceLabeler(new LabelOptions());

        var expected = labeler.Label(floatOutputs, manifest, frame).Count;
        var actual = labeler.Label(int8Outputs, manifest, frame).Count;

        output.WriteLine($"{image}: faces float {expected}, int8 {actual}");
        Assert.InRange(actual, expected - 1, expected + 1);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task CenterNet_Int8_KeepsPersonScores(string image)
    {
        var (manifest, expected, actual, frame) = await RunBothAsync(ModelNames.CenterNet, image);

        // the person channel (class 0) of the heatmap, where the people count is read
        var cells = expected["heatmap"].Shape[2] * expected["heatmap"].Shape[3];
        var difference = Int8Difference(expected["heatmap"].Values[..(int)cells], actual["heatmap"].Values[..(int)cells]);
        var labeler = new PeopleAndObjectsLabeler(new LabelOptions());
        var (floatPeople, int8People) = (labeler.Label(expected, manifest, frame).People, labeler.Label(actual, manifest, frame).People);
        output.WriteLine($"{image}: max person score difference {difference:F4}; people float {floatPeople.Count}, int8 {int8People.Count}");
        Assert.InRange(difference, 0, PersonScoreTolerance);
        Assert.InRange(int8People.Count, floatPeople.Count - 1, floatPeople.Count + 1);
    }

    [Theory]
    [InlineData(ModelNames.Nsfw)]
    [InlineData(ModelNames.CenterNet)]
    [InlineData(ModelNames.BlazeFace)]
    public async Task Int8Manifest_RecordsTheGate_AndTheFloatFileItCameFrom(string model)
    {
        var int8 = await models.Store.EnsureInt8Async(model);
        var floatFile = await models.Store.EnsureAsync(model);
        var report = int8.Manifest.Quantisation!;
        output.WriteLine($"{model}: {report.QuantisedConvs}/{report.Convs} Convs quantised in {report.Seconds:F0} s; {report.Gate.Reason}");

        Assert.Equal(ModelPrecision.Int8, int8.Manifest.Precision);
        Assert.Equal(floatFile.Manifest.Sha256, report.FloatSha256);
        Assert.InRange(report.QuantisedConvs, 1, report.Convs);
        Assert.True(report.Gate.Images >= 100, $"{report.Gate.Images} validation images");
        Assert.Equal(report.Gate.Agreement >= 0.99 - 1e-9, report.Gate.Passed);
    }

    // the float model as converted and the int8 model, each run on the same stretched fixture image
    private async Task<(ModelManifest Manifest, ModelOutputs Float, ModelOutputs Int8, RgbFrame Frame)> RunBothAsync(string model, string image)
    {
        var int8File = await models.Store.EnsureInt8Async(model);
        var floatSession = await models.FloatSessions.GetAsync(model);
        var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var int8 = new ModelSession(int8File.Manifest, new InferenceSession(int8File.Path, options), options);
        var (rgb, width, height) = ModelsFixture.ReadRgb($"{image}.png");
        var frame = new RgbFrame(width, height, rgb);
        var input = ModelInputs.Stretched(frame, floatSession.Manifest);
        return (floatSession.Manifest, floatSession.Run(input), int8.Run(input), frame);
    }

    private static float Int8Difference(float[] expected, float[] actual) => expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();

    private static float Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return (float)(dot / Math.Sqrt(na * nb));
    }
}
