using System.Runtime.Versioning;

namespace Insights.Analytics.Tests.Storage;

public class PrivateFilesTests
{
    private const UnixFileMode Group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute;
    private const UnixFileMode Other = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ANewDataFolder_IsTheOwnersAlone_AndSoIsTheDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "insights-tests", Guid.NewGuid().ToString("N"), "var");

        await using var db = await AnalyticsDatabase.CreateAsync(new Dictionary<string, string?> { ["Storage:DataDirectory"] = folder });
        await db.CreateProfileAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        foreach (var file in Directory.GetFiles(folder, "insights.db*"))
        {
            UnixFileMode mode;
            try
            {
                mode = File.GetUnixFileMode(file);
            }
            catch (FileNotFoundException) when (file != Path.Combine(folder, "insights.db"))
            {
                // SQLite removes its -wal and -shm files when the last connection closes, which can fall between the listing and this read.
                continue;
            }
            Assert.Equal((file, UnixFileMode.None), (file, mode & (Group | Other)));
        }
        Assert.Contains(Path.Combine(folder, "insights.db"), Directory.GetFiles(folder));
    }
}
