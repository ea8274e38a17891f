using Insights.Dashboard.Cli;
using Insights.Dashboard.Tests.Reports;

namespace Insights.Dashboard.Tests.Cli;

/// <summary>`report --profile NAME --from --to --format --out FILE` on a data folder given as an argument.</summary>
public sealed class ReportCommandTests : IAsyncLifetime
{
    private readonly string _dataDirectory = InsightsApiFixture.NewTempDirectory();
    private readonly string _outDirectory = InsightsApiFixture.NewTempDirectory();

    private string DataSetting => "--Storage:DataDirectory=" + _dataDirectory;

    public async Task InitializeAsync()
    {
        var files = ReportFiles.Profile().Select(f =>
        {
            var path = Path.Combine(_outDirectory, f.Name);
            File.WriteAllBytes(path, f.Content);
            return path;
        }).ToArray();
        Assert.Equal(0, await CommandLine.RunAsync(["import", "--profile", "cli", .. files, DataSetting], TextWriter.Null));
    }

    public Task DisposeAsync()
    {
        InsightsApiFixture.DeleteDirectory(_dataDirectory);
        InsightsApiFixture.DeleteDirectory(_outDirectory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Report_WritesThePdf_AndExitsZero()
    {
        var file = Path.Combine(_outDirectory, "cli.pdf");
        using var output = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["report", "--profile", "cli", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "pdf", "--out", file, DataSetting, "--Reports:TrainDrivers=false"], output);

        Assert.Equal(0, exitCode);
        Assert.Contains(file, output.ToString());
        var text = ReportFiles.PdfText(File.ReadAllBytes(file));
        Assert.Contains("cli · ", text);
        Assert.Contains("No drivers model", text);
    }

    [Fact]
    public async Task Report_TakesTheFormatFromTheFileName()
    {
        var file = Path.Combine(_outDirectory, "posts.csv");
        var exitCode = await CommandLine.RunAsync(["report", "--profile", "cli", "--out", file, DataSetting], TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.Equal(61, File.ReadAllLines(file).Length);
    }

    [Fact]
    public async Task Report_ComparesWithTheNamedProfiles_OrSaysWhichOneIsMissing()
    {
        var file = Path.Combine(_outDirectory, "compared.csv");
        var missing = Path.Combine(_outDirectory, "missing.csv");
        using var output = new StringWriter();

        var posts = Path.Combine(_outDirectory, "other.csv");
        File.WriteAllBytes(posts, ReportFiles.Profile(extraLikes: 50)[0].Content);
        Assert.Equal(0, await CommandLine.RunAsync(["import", "--profile", "other", posts, DataSetting], TextWriter.Null));

        var exitCode = await CommandLine.RunAsync(["report", "--profile", "cli", "--compare", "other", "--out", file, DataSetting], TextWriter.Null);
        var missingCode = await CommandLine.RunAsync(["report", "--profile", "cli", "--compare", "nobody", "--out", missing, DataSetting], output);

        // The 60 posts, then the two profiles side by side (other has no follower snapshots, so no Popularity Rate).
        Assert.Equal(0, exitCode);
        var lines = File.ReadAllLines(file);
        Assert.Equal("", lines[61]);
        Assert.StartsWith("profile,platform,", lines[62]);
        Assert.StartsWith("cli,instagram,2024-01-01,2024-02-29,60,", lines[63]);
        Assert.StartsWith("other,instagram,2024-01-01,2024-02-29,60,", lines[64]);
        Assert.Equal(1, missingCode);
        Assert.Contains("no profile 'nobody' to compare with", output.ToString());
        Assert.False(File.Exists(missing));
    }

    [Theory]
    [InlineData("nobody", "pdf", "2024-01-01", "no profile 'nobody'")]
    [InlineData("cli", "docx", "2024-01-01", "--format 'docx' is not a report format")]
    [InlineData("cli", "pdf", "01/01/2024", "--from: '01/01/2024' is not a date")]
    public async Task Report_WithBadInput_ExitsOne_WithAClearMessage(string profile, string format, string from, string message)
    {
        var file = Path.Combine(_outDirectory, "bad.pdf");
        using var output = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["report", "--profile", profile, "--format", format, "--from", from, "--out", file, DataSetting], output);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, output.ToString());
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Report_WithoutOut_ExitsOne_AndPrintsTheUsage()
    {
        using var output = new StringWriter();
        var exitCode = await CommandLine.RunAsync(["report", "--profile", "cli", DataSetting], output);

        Assert.Equal(1, exitCode);
        Assert.Contains("usage: report --profile NAME", output.ToString());
    }
}
