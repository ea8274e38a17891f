using System.Collections.Concurrent;
using Insights.Analytics.Profiles;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
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
/// Every client it makes is signed in as the admin (an API key in X-Api-Key) unless a test asks
/// for another user (<see cref="CreateClientFor"/>) or none (<see cref="CreateAnonymousClient"/>).
/// </summary>
public sealed class InsightsApiFixture : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDirectory;
    private readonly ConcurrentDictionary<string, string> _keys = new();
    private bool _anonymous;

    /// <summary>The first admin every fixture starts with.</summary>
    public const string AdminEmail = "admin@tests.local";

    /// <summary>Password of <see cref="AdminEmail"/> and of the users <see cref="CreateUserAsync"/> makes.</summary>
    public const string Password = "correct horse battery staple";

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
            // Every test signs in from the same (absent) address; the throttle tests set their own limits.
            ["Insights:SignIn:PerAddressAttempts"] = "100000",
            ["Insights:SignIn:PerAccountAttempts"] = "100000",
            ["Insights:Admin:Email"] = AdminEmail,
            ["Insights:Admin:Password"] = Password,
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

    /// <summary>A client with no credentials at all (it keeps cookies, so it can sign in through the form).</summary>
    public HttpClient CreateAnonymousClient(WebApplicationFactoryClientOptions? options = null)
    {
        lock (_keys)
        {
            _anonymous = true;
            try
            {
                return CreateClient(options ?? new WebApplicationFactoryClientOptions());
            }
            finally
            {
                _anonymous = false;
            }
        }
    }

    /// <summary>A client whose requests carry <paramref name="apiKey"/>.</summary>
    public HttpClient CreateClientWithKey(string apiKey)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(ApiKeyService.Header, apiKey);
        return client;
    }

    /// <summary>A client acting as a user with these roles and profile grants (created once per e-mail), through an API key.</summary>
    public async Task<HttpClient> CreateClientFor(string email, string[] roles, params string[] profiles) =>
        CreateClientWithKey(await KeyForAsync(email, roles, profiles));

    /// <summary>Creates the user (password <see cref="Password"/>) when new, with the roles and grants of the named profiles that exist.</summary>
    public async Task<string> CreateUserAsync(string email, string[] roles, params string[] profiles)
    {
        EnsureStarted();
        var accounts = GetRequiredService<AccountService>();
        var user = await accounts.FindByEmailAsync(email);
        if (user is null)
        {
            var result = await accounts.CreateAsync("tests", email, Password, roles);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            user = (await accounts.FindByEmailAsync(email))!;
        }
        var catalog = GetRequiredService<ProfileCatalog>();
        var ids = new List<int>();
        foreach (var name in profiles)
        {
            if (await catalog.FindAsync(name) is { } profile)
                ids.Add(profile.Id);
        }
        await accounts.SetProfilesAsync("tests", user.Id, ids);
        return user.Id;
    }

    /// <summary>An API key of the user (created with <see cref="CreateUserAsync"/> when new).</summary>
    public async Task<string> KeyForAsync(string email, string[] roles, params string[] profiles)
    {
        var userId = await CreateUserAsync(email, roles, profiles);
        if (_keys.TryGetValue(email, out var known))
            return known;
        var (secret, _) = await GetRequiredService<ApiKeyService>().CreateAsync("tests", userId, "tests");
        return _keys[email] = secret;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (_anonymous)
            return;
        var key = _keys.GetValueOrDefault(AdminEmail) ?? AdminKey();
        client.DefaultRequestHeaders.Add(ApiKeyService.Header, key);
    }

    private string AdminKey()
    {
        var admin = GetRequiredService<AccountService>().FindByEmailAsync(AdminEmail).GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("The first admin was not created at start.");
        var (secret, _) = GetRequiredService<ApiKeyService>().CreateAsync(admin.Id, admin.Id, "tests").GetAwaiter().GetResult();
        return _keys[AdminEmail] = secret;
    }

    private void EnsureStarted() => _ = Services;

    /// <summary>What the app printed for the person who started it (the first admin's generated password).</summary>
    public RecordingConsole OperatorConsole { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services => services.AddSingleton<OperatorConsole>(OperatorConsole));
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

/// <summary>Keeps the lines the app prints for its operator.</summary>
public sealed class RecordingConsole : OperatorConsole
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    public override void WriteLine(string line)
    {
        lock (_lines)
            _lines.Add(line);
    }
}
