using System.Net;
using System.Text;
using System.Text.Json;
using Insights.Dashboard.Configuration;
using Microsoft.Extensions.Configuration;

namespace Insights.Dashboard.Tests.Api;

/// <summary>
/// What a plain start gives: `dotnet run --project src/Dashboard` takes the first launch profile, which
/// must not be Development (its error page shows request headers and cookies); and a form beyond the
/// form reader's limits is a client error, not a server error; settings files are not watched.
/// </summary>
public sealed class HostingDefaultsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public void DotnetRun_TakesALaunchProfile_ThatIsNotDevelopment()
    {
        var path = Path.Combine(AppPaths.FindBaseDirectory(AppContext.BaseDirectory), "src", "Dashboard", "Properties", "launchSettings.json");
        using var settings = JsonDocument.Parse(File.ReadAllText(path));

        // dotnet run uses the first profile whose command is "Project".
        var first = settings.RootElement.GetProperty("profiles").EnumerateObject()
            .First(p => p.Value.GetProperty("commandName").GetString() == "Project").Value;
        var environment = first.TryGetProperty("environmentVariables", out var variables) && variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out var value)
            ? value.GetString() : "Production";

        Assert.Equal("Production", environment);
    }

    /// <summary>
    /// The host would watch its content root (usually the checkout, with the database under var/) to reload settings
    /// files; the watch woke a thread for every page SQLite wrote. Every settings file is read once at start instead.
    /// </summary>
    [Fact]
    public void SettingsFiles_AreReadAtStart_AndNotWatched()
    {
        var configuration = (IConfigurationRoot)app.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is watched"));
    }

    [Fact]
    public async Task AFormOfMoreThan1024Parts_Is400_NotAServerError()
    {
        using var client = app.CreateClient();
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < 1100; i++)
            form.Add(new StringContent("x", Encoding.UTF8), $"field{i}");
        form.Add(new ByteArrayContent(TestFiles.Utf8(TestFiles.ThreePosts)), "file", "posts.csv");

        using var response = await client.PostAsync("/api/profiles/many-parts/imports", form);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Malformed form", body, StringComparison.Ordinal);
        Assert.Null(await client.ProfileAsync("many-parts"));
    }
}
