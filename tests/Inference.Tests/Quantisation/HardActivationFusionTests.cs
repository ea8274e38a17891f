using Insights.Inference.Conversion;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Quantisation;
using Insights.Inference.Runtime;
using Insights.Inference.Vision;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace Insights.Inference.Tests.Quantisation;

/// <summary>
/// The folded HardSwish/HardSigmoid graph with its spatial means as GlobalAveragePool (the int8 pass's
/// starting point) computes what the converted CenterNet computes: the same heatmap on the fixture
/// images, within the packages' float16 rounding of 1/6.
/// </summary>
[Collection("models")]
public sealed class HardActivationFusionTests(ModelsFixture models, ITestOutputHelper output)
{
    // sigmoid probabilities; the packages' 1/6 is a float16 (0.16662598) where HardSwish uses 1/6 exactly
    private const float HeatmapTolerance = 5e-3f;

    [Fact]
    public async Task CenterNet_FoldsHardActivationsAndSpatialMeans_AndKeepsItsHeatmap()
    {
        var floatSession = await models.FloatSessions.GetAsync(ModelNames.CenterNet);
        var paths = ModelPaths.Resolve(models.Options)!;
        var definition = ModelCatalog.Get(ModelNames.CenterNet);
        var (fused, hardSwish, hardSigmoid) = HardActivationFusion.Apply(TfjsModelConverter.ConvertModel(definition, paths.PackageDirectory(definition)));
        var pools = SpatialMeanRewrite.Apply(fused.Graph);
        output.WriteLine($"folded {hardSwish} HardSwish, {hardSigmoid} HardSigmoid; {pools} ReduceMean as GlobalAveragePool");

        Assert.InRange(hardSwish, 1, int.MaxValue);
        Assert.InRange(hardSigmoid, 1, int.MaxValue);
        Assert.InRange(pools, 1, int.MaxValue);
        Assert.DoesNotContain(fused.Graph.Nodes, n => n.OpType == "ReduceMean");
        Assert.DoesNotContain(fused.Graph.Nodes, n => n.OpType == "Clip" && n.Name.Contains("hard_swish", StringComparison.Ordinal));
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new ModelSession(floatSession.Manifest, new InferenceSession(fused.ToByteArray(), options), options);
        foreach (var image in ModelsFixture.Images)
        {
            var (rgb, width, height) = ModelsFixture.ReadRgb($"{image}.png");
            var input = ModelInputs.Stretched(new RgbFrame(width, height, rgb), floatSession.Manifest);
            var expected = floatSession.Run(input)["heatmap"].Values;
            var actual = session.Run(input)["heatmap"].Values;
            var difference = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            output.WriteLine($"{image}: max heatmap difference {difference:E2}");
            Assert.InRange(difference, 0, HeatmapTolerance);
        }
    }
}
