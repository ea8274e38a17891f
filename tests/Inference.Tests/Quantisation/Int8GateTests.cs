using System.Text.Json;
using Insights.Inference.Models;
using Insights.Inference.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Insights.Inference.Tests.Quantisation;

/// <summary>The served precision is decided from the gate's verdict in the int8 manifest, by every process alike.</summary>
[Collection("models")]
public sealed class Int8GateTests(ModelsFixture models) : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), $"insights-int8-gate-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(ModelPrecision.Auto, ModelPrecision.Float)]
    [InlineData(ModelPrecision.Int8, ModelPrecision.Int8)]
    [InlineData(ModelPrecision.Float, ModelPrecision.Float)]
    public async Task FailedGate_KeepsFloat_UnlessInt8IsForced(ModelPrecision setting, ModelPrecision served)
    {
        await CopyWithGateAsync(ModelNames.BlazeFace, passed: false);
        var options = new InferenceOptions { IntraOpThreads = 1, CacheDirectory = _cache, Precision = setting };
        using var sessions = new ModelSessions(new ModelStore(MsOptions.Create(options), NullLogger<ModelStore>.Instance), MsOptions.Create(options), NullLogger<ModelSessions>.Instance);

        var session = await sessions.GetAsync(ModelNames.BlazeFace);

        Assert.Equal(served, session.Manifest.Precision);
    }

    [Theory]
    [InlineData(ModelPrecision.Auto, ModelPrecision.Int8)]
    [InlineData(null, ModelPrecision.Float)]
    public async Task PassedGate_ServesInt8_UnderAuto_WhileTheDefaultStaysFloat(ModelPrecision? setting, ModelPrecision served)
    {
        await CopyWithGateAsync(ModelNames.BlazeFace, passed: true);
        var options = new InferenceOptions { IntraOpThreads = 1, CacheDirectory = _cache };
        if (setting is { } chosen)
            options.Precision = chosen;
        using var sessions = new ModelSessions(new ModelStore(MsOptions.Create(options), NullLogger<ModelStore>.Instance), MsOptions.Create(options), NullLogger<ModelSessions>.Instance);

        var session = await sessions.GetAsync(ModelNames.BlazeFace);

        Assert.Equal(served, session.Manifest.Precision);
    }

    // the real float and int8 files in a private cache, the int8 manifest's verdict set as the test needs
    private async Task CopyWithGateAsync(string model, bool passed)
    {
        var int8 = await models.Store.EnsureInt8Async(model);
        var source = Path.GetDirectoryName(int8.Path)!;
        var target = Path.Combine(_cache, model);
        Directory.CreateDirectory(target);
        foreach (var file in new[] { "model.onnx", "manifest.json", "model.int8.onnx" })
            File.Copy(Path.Combine(source, file), Path.Combine(target, file));
        var report = int8.Manifest.Quantisation!;
        var manifest = int8.Manifest with { Quantisation = report with { Gate = report.Gate with { Passed = passed } } };
        await File.WriteAllBytesAsync(Path.Combine(target, "manifest.int8.json"), JsonSerializer.SerializeToUtf8Bytes(manifest, ModelManifest.JsonOptions));
    }

    public void Dispose()
    {
        if (Directory.Exists(_cache))
            Directory.Delete(_cache, recursive: true);
    }
}
