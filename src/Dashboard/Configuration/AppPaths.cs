namespace Insights.Dashboard.Configuration;

/// <summary>
/// Finds the installation folder: the nearest folder above the working directory or the app
/// that holds Insights.sln (a checkout), else the content root. Relative data paths and the
/// top-level appsettings.json are taken from there, so `dotnet run --project src/Dashboard`
/// from the repository root uses the repository's settings and data.
/// </summary>
public static class AppPaths
{
    public static string FindBaseDirectory(string contentRoot)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), contentRoot, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Insights.sln")))
                    return directory.FullName;
            }
        }
        return contentRoot;
    }
}
