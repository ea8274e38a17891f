using System.Net;
using System.Text.Json;

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
}
