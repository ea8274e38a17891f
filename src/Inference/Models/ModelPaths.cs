namespace Insights.Inference.Models;

/// <summary>Resolves the models and cache folders from options; relative paths are searched upwards.</summary>
internal sealed record ModelPaths(string ModelsDirectory, string CacheDirectory, string DemoDirectory)
{
    public string NodeModules => Path.Combine(ModelsDirectory, "node_modules");

    public string PackageDirectory(ModelDefinition definition) => PackageDirectory(definition.Package);

    public string PackageDirectory(string package) => Path.Combine([NodeModules, .. package.Split('/')]);

    public string ModelDirectory(string name) => Path.Combine(CacheDirectory, name);

    /// <summary>Null when no folder with a package.json is found; the caller reports that.</summary>
    public static ModelPaths? Resolve(InferenceOptions options)
    {
        var models = FindUpwards(options.ModelsDirectory);
        if (models is null)
            return null;
        var root = Path.IsPathRooted(options.ModelsDirectory) ? Directory.GetCurrentDirectory() : RootOf(models, options.ModelsDirectory);
        var cache = Path.IsPathRooted(options.CacheDirectory) ? options.CacheDirectory : Path.GetFullPath(Path.Combine(root, options.CacheDirectory));
        var demo = Path.IsPathRooted(options.DemoDirectory) ? options.DemoDirectory : Path.GetFullPath(Path.Combine(root, options.DemoDirectory));
        return new ModelPaths(models, cache, demo);
    }

    // Tests and benchmarks run from bin/<config>/<tfm>, the app from the repository or its publish folder:
    // look for the pins from both the working folder and the app folder upwards.
    private static string? FindUpwards(string path)
    {
        if (Path.IsPathRooted(path))
            return File.Exists(Path.Combine(path, "package.json")) ? Path.GetFullPath(path) : null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, path);
                if (File.Exists(Path.Combine(candidate, "package.json")))
                    return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    private static string RootOf(string resolved, string relative)
    {
        var root = resolved;
        foreach (var _ in relative.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries))
            root = Path.GetDirectoryName(root)!;
        return root;
    }
}
