namespace Insights.Dashboard.Configuration;

/// <summary>The installation's base folder; relative paths in settings are resolved against it.</summary>
public sealed class DashboardPaths(string baseDirectory)
{
    public string BaseDirectory { get; } = baseDirectory;

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));
}
