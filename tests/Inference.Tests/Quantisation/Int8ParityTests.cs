using System.Diagnostics;
using Insights.Inference.Imaging;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Insights.Inference.Vision;
using Xunit.Abstractions;

namespace Insights.Inference.Tests.Quantisation;

/// <summary>The int8 models against the float models they were quantised from, on the fixture images (none of them a demo image).</summary>
[Collection("models")]
public sealed class Int8ParityTests(ModelsFixture models, ITestOutputHelper output)
{
    public static TheoryData<string> Models => new(ModelNames.Nsfw, ModelNames.CenterNet, ModelNames.BlazeFace);

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Int8Outputs_StayCloseToFloat(string model)
    {
        var int8File = await models.Store.EnsureInt8Async(model);
        var floatSession = await models.FloatSessions.GetAsync(model);
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 2 };
        using var int8 = new ModelSession(int8File.Manifest, new Microsoft.ML.OnnxRuntime.InferenceSession(int8File.Path, options), new Microsoft.ML.OnnxRuntime.SessionOptions());
        output.WriteLine($"{model}: {int8File.Manifest.Quantisation}");
        foreach (var image in ModelsFixture.Images)
        {
            var (rgb, width, height) = ModelsFixture.ReadRgb($"{image}.png");
            var input = ModelInputs.Stretched(new RgbFrame(width, height, rgb), floatSession.Manifest);
            var expected = floatSession.Run(input);
            var actual = int8.Run(input);
            foreach (var name in expected.Names)
            {
                var e = expected[name].Values;
                var a = actual[name].Values;
                var scale = e.Max(Math.Abs);
                var diff = e.Zip(a, (x, y) => Math.Abs(x - y)).Max();
                output.WriteLine($"{model} {image} {name}: max |float| {scale:G4}, max |int8 - float| {diff:G4}");
            }
        }

        var sw = Stopwatch.StartNew();
        var probe = new float[floatSession.Manifest.Input.Shape.Aggregate(1L, (x, y) => x * y)];
        for (var i = 0; i < 10; i++)
            floatSession.Run(probe);
        var floatMs = sw.Elapsed.TotalMilliseconds / 10;
        sw.Restart();
        for (var i = 0; i < 10; i++)
            int8.Run(probe);
        output.WriteLine($"{model}: float {floatMs:F1} ms, int8 {sw.Elapsed.TotalMilliseconds / 10:F1} ms");
    }
}
