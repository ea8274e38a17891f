using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Insights.Dashboard.Tests.Api;

public class HealthEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task Healthz_AnswersOk_WhenTheDatabaseAnswers()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "insights.db")), "the database lives in the configured data folder");
    }

    [Fact]
    public async Task Healthz_Answers503_WhileTheDatabaseTakesNoWrite()
    {
        using var client = app.CreateClient();
        using (var first = await client.GetAsync("/healthz"))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await using var holder = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "insights.db")}");
        await holder.OpenAsync();
        await using (var transaction = holder.BeginTransaction(deferred: false))
        {
            // BEGIN IMMEDIATE: this connection holds the write lock, as a long import would.
            using var blocked = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, blocked.StatusCode);
            using var body = JsonDocument.Parse(await blocked.Content.ReadAsStringAsync());
            Assert.Equal("database unavailable", body.RootElement.GetProperty("status").GetString());
            transaction.Rollback();
        }
        using var again = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
