using Insights.Inference.Detection;
using Insights.Inference.Models;
using Insights.Inference.Runtime;

namespace Insights.Inference.Tests.Conversion;

/// <summary>
/// The converted CenterNet (raw heads) against TF.js running the full graph: head values, and the C#
/// decoder's detections against the graph's own in-graph top-k post-processing.
/// </summary>
[Collection("models")]
public sealed class CenterNetParityTests(ModelsFixture models)
{
    // Heatmap values are sigmoid probabilities; measured here at most 7e-7 apart: 1e-4 absolute.
    private const float HeatmapTolerance = 1e-4f;

    // Box heads are pixel distances up to ~320 (the raw head times 16); measured at most 0.0011 px
    // (4e-6 relative): 1e-4 relative, i.e. a thirtieth of a pixel at the far end.
    private const float BoxRelativeTolerance = 1e-4f;

    // Two peaks whose scores are this close may legitimately swap places in the ranking.
    private const float TieTolerance = 1e-5f;

    public static TheoryData<string> Images => new(ModelsFixture.Images);

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Heads_And_TopDetections_MatchTfjs(string image)
    {
        var session = await models.FloatSessions.GetAsync(ModelNames.CenterNet);
        var (rgb, width, height) = ModelsFixture.ReadRgb($"{image}.png");
        var outputs = session.Run(ImageTensor.FromRgb(rgb, width, height, session.Manifest));
        var expected = ModelsFixture.Reference(ModelNames.CenterNet)["images"]![image]!;
        var heatmap = outputs["heatmap"];
        var boxes = outputs["boxes"];
        Assert.Equal([1, 80, 128, 128], heatmap.Shape);
        Assert.Equal([1, 4, 128, 128], boxes.Shape);

        foreach (var (index, value) in ModelsFixture.Samples(expected["heatmapSamples"]))
            Assert.InRange(Math.Abs(Nchw(heatmap, index) - value), 0, HeatmapTolerance);
        foreach (var (index, value) in ModelsFixture.Samples(expected["boxSamples"]))
            Assert.InRange(Math.Abs(Nchw(boxes, index) - value), 0, BoxRelativeTolerance * Math.Max(1, Math.Abs(value)));

        // all 100 detections of the graph's own top-k, in the same order
        var reference = expected["detections"]!.AsArray().Select(ModelsFixture.Floats).ToList();
        var decoded = CenterNetDecoder.Decode(heatmap, boxes, reference.Count);
        Assert.Equal(reference.Count, decoded.Count);
        for (var i = 0; i < reference.Count; i++)
        {
            var (r, d) = (reference[i], decoded[i]);
            Assert.InRange(Math.Abs(d.Score - r[4]), 0, HeatmapTolerance);
            if (d.ClassId != (int)r[5] && i + 1 < reference.Count && Math.Abs(reference[i + 1][4] - r[4]) < TieTolerance)
                continue;
            Assert.Equal((int)r[5], d.ClassId);
            float[] actualBox = [d.X1, d.Y1, d.X2, d.Y2];
            for (var k = 0; k < 4; k++)
                Assert.InRange(Math.Abs(actualBox[k] - r[k]), 0, BoxRelativeTolerance * width);
        }
    }

    // reference samples index TF.js's NHWC tensor; ours is NCHW
    private static float Nchw(ModelTensor tensor, int nhwcIndex)
    {
        int c = tensor.Shape[1], h = tensor.Shape[2], w = tensor.Shape[3];
        int ch = nhwcIndex % c, x = nhwcIndex / c % w, y = nhwcIndex / c / w;
        return tensor.Values[(ch * h + y) * w + x];
    }
}
