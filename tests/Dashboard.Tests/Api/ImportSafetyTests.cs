using System.Net;

namespace Insights.Dashboard.Tests.Api;

/// <summary>Imports through the HTTP API at their edges: oversized fields.</summary>
public sealed class ImportSafetyTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task ACaptionLongerThanASpreadsheetCell_IsRefused_WithItsFileLineAndColumn()
    {
        using var client = app.CreateClient();
        var caption = new string('x', 32_768);
        var csv = $"{TestFiles.PostsHeader}\nOK1,2024-01-01T00:00:00Z,Photo,fine,1,1,,,,\nBIG1,2024-01-02T00:00:00Z,Photo,{caption},1,1,,,,\n";

        var (status, body) = await client.ImportAsync("long-captions", ("captions.csv", TestFiles.Utf8(csv)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(("captions.csv", 3L, "Description"), (error.GetProperty("file").GetString(), error.GetProperty("line").GetInt64(), error.GetProperty("column").GetString()));
        Assert.Contains("32,767", error.GetProperty("reason").GetString());
        Assert.Equal(0, await client.PostCountAsync("long-captions"));
    }
}
