using Insights.Analytics.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Insights.Dashboard.Tests;

/// <summary>
/// The whole app over real HTTP (in memory) with its own SQLite database and file store in a fresh
/// temp folder. The demo import is off unless a test asks for it. One per test class, or made by a
/// test that needs its own (a restart: a second fixture on the same <see cref="DataDirectory"/>).
/// </summary>
public sealed class InsightsApiFixture : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDirectory;

    public InsightsApiFixture()
        : this(dataDirectory: null, settings: null)
    {
    }

    private InsightsApiFixture(string? dataDirectory, IDictionary<string, string?>? settings)
    {
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? NewTempDirectory();
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Demo:ImportOnFirstStart"] = "false",
            // No test here needs a vision model; preparing them would only load the machine.
            ["Inference:PrepareOnStart"] = "false",
            // Labelling every test upload in the background would only load the machine; the annotation tests turn it on.
            ["Annotation:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
    }

    /// <summary>The data folder: insights.db, uploads/ and media/.</summary>
    public string DataDirectory { get; }

    /// <summary>An app with extra settings; on <paramref name="dataDirectory"/> when given (left in place on dispose), else a fresh temp folder.</summary>
    public static InsightsApiFixture Create(IDictionary<string, string?>? settings = null, string? dataDirectory = null) =>
        new(dataDirectory, settings);

    public static string NewTempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "insights-dashboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    public InsightsDbContext NewDbContext() => GetRequiredService<IDbContextFactory<InsightsDbContext>>().CreateDbContext();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Added last, so these win over the repository's appsettings.json and any environment variable.
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsDirectory)
            DeleteDirectory(DataDirectory);
    }

    public static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; never fail a test over it.
        }
    }
}
