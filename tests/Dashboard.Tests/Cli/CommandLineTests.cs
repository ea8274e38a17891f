using Insights.Dashboard.Cli;
using Microsoft.Data.Sqlite;

namespace Insights.Dashboard.Tests.Cli;

/// <summary>
/// `Insights import --profile NAME FILE...`: the command builds its own host from its arguments and
/// the environment, so the data folder is given the way an operator gives it.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dataDirectory = InsightsApiFixture.NewTempDirectory();
    private readonly string _inputDirectory = InsightsApiFixture.NewTempDirectory();

    private string WriteInput(string name, string text)
    {
        var path = Path.Combine(_inputDirectory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string DataSetting => "--Storage:DataDirectory=" + _dataDirectory;

    [Fact]
    public async Task Import_WithTheDataFolderFromTheEnvironment_ExitsZeroAndPrintsTheCounts()
    {
        var file = WriteInput("posts.csv", TestFiles.ThreePosts);
        using var output = new StringWriter();
        var previous = Environment.GetEnvironmentVariable("Storage__DataDirectory");
        int exitCode;
        try
        {
            Environment.SetEnvironmentVariable("Storage__DataDirectory", _dataDirectory);
            exitCode = await CommandLine.RunAsync(["import", "--profile", "cli", file], output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Storage__DataDirectory", previous);
        }

        Assert.Equal(0, exitCode);
        Assert.Equal("posts.csv (posts): 3 read, 3 inserted, 0 updated", output.ToString().Trim());
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "insights.db")), "the database is created in the folder from the environment");
    }

    [Fact]
    public async Task Import_RunTwice_UpdatesTheSecondTime()
    {
        var posts = WriteInput("posts.csv", TestFiles.ThreePosts);
        var followers = WriteInput("followers.csv", TestFiles.Followers);
        await CommandLine.RunAsync(["import", "--profile", "cli", posts, DataSetting], TextWriter.Null);
        using var output = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["import", "--profile", "cli", followers, posts, DataSetting], output);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // Posts are imported before followers, whatever the order given.
        Assert.Equal(["posts.csv (posts): 3 read, 0 inserted, 3 updated", "followers.csv (followers): 2 read, 2 inserted, 0 updated"], lines);
    }

    [Fact]
    public async Task Import_OfABadFile_ExitsOne_AndPrintsEveryErrorWithLineAndColumn()
    {
        var file = WriteInput("bad.csv", TestFiles.PostsHeader + "\n" +
            "X1,2024-03-04T10:00:00Z,Photo,ok,10,1,,,,\n" +
            "X2,yesterday,Photo,bad date,10,1,,,,\n" +
            "X3,2024-03-05T10:00:00Z,Photo,bad likes,-3,1,,,,\n");
        using var output = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["import", "--profile", "cli", file, DataSetting], output);

        Assert.Equal(1, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("bad.csv (posts): NOT imported, 2 error(s)", lines[0]);
        Assert.StartsWith("bad.csv, line 3, column 'Publish time': ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("bad.csv, line 4, column 'Likes': ", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Import_WithoutAProfile_PrintsUsage_AndExitsTwo()
    {
        using var output = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["import", WriteInput("posts.csv", TestFiles.ThreePosts), DataSetting], output);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("usage: import --profile NAME", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_IntoANameOfDigitsOnly_ExitsTwo_WithTheReason_AndCreatesNoProfile()
    {
        using var output = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["import", "--profile", "15", WriteInput("posts.csv", TestFiles.ThreePosts), DataSetting], output);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("--profile: '15' is digits only", output.ToString(), StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "insights.db")}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM profiles";
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        InsightsApiFixture.DeleteDirectory(_dataDirectory);
        InsightsApiFixture.DeleteDirectory(_inputDirectory);
    }
}
