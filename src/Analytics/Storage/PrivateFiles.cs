namespace Insights.Analytics.Storage;

/// <summary>
/// The database holds every profile's data, the accounts' password hashes and the Data Protection keys: on Unix its
/// folder is created readable by this user alone (0700) and the database file is kept 0600 (SQLite gives its
/// write-ahead log and shared-memory files the database file's mode).
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the SQLite file's folder (0700 when new) and the file itself (0600; an existing one is set to 0600).</summary>
    public static void PrepareDatabaseFile(string databasePath)
    {
        if (databasePath == ":memory:")
            return;
        var full = Path.GetFullPath(databasePath);
        var folder = Path.GetDirectoryName(full)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        if (!Directory.Exists(folder))
            Directory.CreateDirectory(folder, OwnerFolder);
        if (!File.Exists(full))
        {
            // An empty file is an empty SQLite database; made here so it never exists with the umask's wider mode.
            using var _ = new FileStream(full, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile });
        }
        else if ((File.GetUnixFileMode(full) & ~OwnerFile) != 0)
        {
            File.SetUnixFileMode(full, OwnerFile);
        }
    }
}
