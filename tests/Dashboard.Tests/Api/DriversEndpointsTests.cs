using System.Globalization;
using System.Net;
using System.Text;

namespace Insights.Dashboard.Tests.Api;

public class DriversEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    // 160 image posts over 160 days; posts labelled "good" get three times the likes of "plain" ones.
    private static (string Posts, string Labels) Profile()
    {
        var posts = new StringBuilder("Post ID,Publish time,Post type,Likes,Comments\n");
        var labels = new StringBuilder("Post ID,Category,Value\n");
        for (var i = 0; i < 160; i++)
        {
            var good = i % 3 == 0;
            var likes = (good ? 300 : 100) + i % 11;
            posts.Append(CultureInfo.InvariantCulture, $"D{i},{new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-dd}T{8 + i % 10:00}:00:00Z,Photo,{likes},5\n");
            labels.Append(CultureInfo.InvariantCulture, $"D{i},quality,{(good ? "good" : "plain")}\n");
        }
        return (posts.ToString(), labels.ToString());
    }

    [Fact]
    public async Task Drivers_Is404UntilTrained_ThenGivesR2_Importance_AndPartialDependence()
    {
        using var client = app.CreateClient();
        var (posts, labels) = Profile();
        var (status, _) = await client.ImportAsync("drivers", ("posts.csv", TestFiles.Utf8(posts)), ("followers.csv", TestFiles.Utf8("Date,Followers\n2024-01-01,10000\n")), ("labels.csv", TestFiles.Utf8(labels)));
        Assert.Equal(HttpStatusCode.OK, status);

        // The import's end queued the training (no page or API read does); asked by id, the answer names the profile.
        // The in-process worker may already have trained it when this read is late: then the answer is the model itself.
        await using (var context = app.NewDbContext())
        {
            var id = context.Profiles.Single(p => p.Name == "drivers").Id;
            var (before, problem) = await client.GetJsonAsync($"/api/profiles/{id}/drivers");
            if (before != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.Conflict, before);
                Assert.True(problem.GetProperty("training").GetBoolean());
                Assert.Contains("under way", problem.GetProperty("hint").GetString());
                Assert.Contains("'drivers'", problem.GetProperty("detail").GetString());
            }
        }

        // The in-process worker trains it in the background.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var (after, body) = await client.GetJsonAsync("/api/profiles/drivers/drivers");
        while (after != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            (after, body) = await client.GetJsonAsync("/api/profiles/drivers/drivers");
        }
        Assert.True(after == HttpStatusCode.OK, body.ToString());
        Assert.False(body.GetProperty("stale").GetBoolean());
        Assert.Equal(160, body.GetProperty("posts").GetInt32());
        var r2 = body.GetProperty("r2");
        Assert.True(r2.GetProperty("crossValidated").GetDouble() > r2.GetProperty("baseline").GetDouble());
        Assert.Equal(5, r2.GetProperty("folds").GetInt32());
        var importance = body.GetProperty("importance").EnumerateArray().ToList();
        Assert.Equal("quality", importance[0].GetProperty("feature").GetString());
        Assert.True(importance[0].GetProperty("sd").GetDouble() >= 0);
        var quality = body.GetProperty("partialDependence").EnumerateArray().Single(p => p.GetProperty("feature").GetString() == "quality");
        Assert.Equal("categorical", quality.GetProperty("kind").GetString());
        var grid = quality.GetProperty("grid").EnumerateArray().Select(g => g.GetString()).ToList();
        var relative = quality.GetProperty("relative").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.True(relative[grid.IndexOf("good")] > relative[grid.IndexOf("plain")] * 1.5, "three times the likes shows as a clearly higher prediction");
        Assert.True(quality.GetProperty("iceCurves").GetInt32() > 0);

        using var importanceCsv = await client.GetAsync("/api/profiles/drivers/drivers/importance.csv");
        Assert.Equal("text/csv", importanceCsv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("feature,source,r2_drop_mean", await importanceCsv.Content.ReadAsStringAsync());
        using var pdpCsv = await client.GetAsync("/api/profiles/drivers/drivers/pdp.csv?feature=quality");
        Assert.Contains("quality,good,", await pdpCsv.Content.ReadAsStringAsync());
        var (unknown, field) = await client.GetJsonAsync("/api/profiles/drivers/drivers/pdp.csv?feature=nope");
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal("feature", field.GetProperty("field").GetString());
        using var pairCsv = await client.GetAsync("/api/profiles/drivers/drivers/pdp2.csv?a=quality&b=publish_hour");
        Assert.Equal(HttpStatusCode.OK, pairCsv.StatusCode);
    }

    [Fact]
    public async Task UnknownProfile_Is404()
    {
        using var client = app.CreateClient();
        var (status, _) = await client.GetJsonAsync("/api/profiles/nobody/drivers");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
