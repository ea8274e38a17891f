using Insights.Analytics.Extensions;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Insights.Analytics.Tests;

/// <summary>
/// A real database, wired through <c>AddAnalytics</c> and migrated by <see cref="DatabaseInitializer"/>,
/// the way the app does it, with a fresh temp folder for files: a SQLite file by default, or a fresh
/// database on the test process's private PostgreSQL cluster (<see cref="PostgresCluster"/>). One per test.
/// </summary>
public sealed class AnalyticsDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private readonly string? _postgres;

    private AnalyticsDatabase(string directory, ServiceProvider services, FakeTimeProvider clock, string? postgres)
    {
        _postgres = postgres;
        Directory = directory;
        _services = services;
        Clock = clock;
    }

    /// <summary>The data folder: database, uploads and media live under it.</summary>
    public string Directory { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _services;

    public ImportService Import => _services.GetRequiredService<ImportService>();

    public IFileStore Files => _services.GetRequiredService<IFileStore>();

    public static Task<AnalyticsDatabase> CreateAsync(IDictionary<string, string?>? settings = null) =>
        CreateAsync(StorageOptions.Sqlite, settings);

    /// <summary>A database of <paramref name="provider"/> ("Sqlite" or "Postgres").</summary>
    public static async Task<AnalyticsDatabase> CreateAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "insights-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var values = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory };
        string? postgres = null;
        if (provider == StorageOptions.Postgres)
        {
            postgres = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
            values["Storage:Provider"] = StorageOptions.Postgres;
            values["ConnectionStrings:Insights"] = postgres;
            values["Storage:MigrateOnStart"] = "true";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(clock)
            .AddLogging()
            .AddAnalytics(directory)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return new AnalyticsDatabase(directory, services, clock, postgres);
    }

    public InsightsDbContext NewContext() => _services.GetRequiredService<IDbContextFactory<InsightsDbContext>>().CreateDbContext();

    public async Task<int> CreateProfileAsync(string name = "brand") => (await Import.EnsureProfileAsync(name)).Id;

    /// <summary>Imports text as if it were an uploaded file.</summary>
    public Task<ImportReport> ImportTextAsync(int profileId, string fileName, string text) =>
        ImportBytesAsync(profileId, fileName, System.Text.Encoding.UTF8.GetBytes(text));

    public async Task<ImportReport> ImportBytesAsync(int profileId, string fileName, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return await Import.ImportFileAsync(profileId, fileName, stream);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_postgres is not null)
            await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_postgres);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; never fail a test over it.
        }
    }
}
