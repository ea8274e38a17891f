namespace Insights.Dashboard.Hosting;

/// <summary>
/// Turns off the host's reloading of settings files when they change. To notice a change the host watches its content
/// root, recursively, and that is usually the checkout, which holds the data directory: every page SQLite wrote woke a
/// watcher thread (an import of 1,000,000 posts from the command line: about 127,000 file events, 1.2 s more system
/// CPU, 4-8% of the import's time). Settings are read at start; a change takes a restart.
/// </summary>
internal static class ConfigurationReload
{
    /// <summary>The host's arguments with reloading turned off (last, so it wins over the same switch given earlier).</summary>
    public static string[] Off(string[] args) => [.. args, "--hostBuilder:reloadConfigOnChange=false"];
}
