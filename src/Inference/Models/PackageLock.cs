using System.Text.Json;

namespace Insights.Inference.Models;

/// <summary>One package pinned by the lock file: name, version, tarball address (when the lock records it) and SRI integrity.</summary>
internal sealed record LockedPackage(string Name, string Version, string? Resolved, string Integrity);

/// <summary>
/// Reads the packages the models folder depends on directly from its package-lock.json (lockfile
/// version 2 or 3). Only the direct dependencies are fetched: the models are plain files, none of
/// the packages' own dependencies is needed to read them.
/// </summary>
internal static class PackageLock
{
    public const string FileName = "package-lock.json";

    public static IReadOnlyList<LockedPackage> ReadDirectDependencies(string modelsDirectory)
    {
        var path = Path.Combine(modelsDirectory, FileName);
        if (!File.Exists(path))
            throw new ModelUnavailableException($"{path} is missing: the model packages are pinned by it (name, version and sha512 of each tarball).");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var packages = document.RootElement.GetProperty("packages");
            var root = packages.GetProperty("");
            if (!root.TryGetProperty("dependencies", out var dependencies))
                return [];
            return dependencies.EnumerateObject().Select(d => Read(path, d.Name, packages)).ToList();
        }
        catch (JsonException e)
        {
            throw new ModelUnavailableException($"{path}, line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: not valid JSON ({e.Message}).", e);
        }
        catch (KeyNotFoundException e)
        {
            throw new ModelUnavailableException($"{path}: not a lockfile of version 2 or 3 (no \"packages\" with a root entry).", e);
        }
    }

    private static LockedPackage Read(string path, string name, JsonElement packages)
    {
        if (!packages.TryGetProperty("node_modules/" + name, out var entry))
            throw new ModelUnavailableException($"{path}: the dependency '{name}' has no entry \"node_modules/{name}\"; regenerate the lock file.");
        var version = entry.TryGetProperty("version", out var v) ? v.GetString() : null;
        var integrity = entry.TryGetProperty("integrity", out var i) ? i.GetString() : null;
        if (string.IsNullOrEmpty(version) || string.IsNullOrEmpty(integrity))
            throw new ModelUnavailableException($"{path}: the entry \"node_modules/{name}\" lacks its version or integrity; a package without a pinned hash is not fetched.");
        var resolved = entry.TryGetProperty("resolved", out var r) ? r.GetString() : null;
        return new LockedPackage(name, version, resolved, integrity);
    }
}
