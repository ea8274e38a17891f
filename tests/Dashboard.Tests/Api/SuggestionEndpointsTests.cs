using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Insights.Dashboard.Accounts;

namespace Insights.Dashboard.Tests.Api;

public class SuggestionEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    // 90 posts whose caption hashtag is their topic; the first 60 are labelled by hand, the last 30 are not.
    private static (string Posts, string Labels) Profile()
    {
        string[] topics = ["travel", "food", "pets"];
        var posts = new StringBuilder("post_id,published_at,media_type,caption,likes,comments\n");
        var labels = new StringBuilder("post_id,category,value\n");
        for (var i = 0; i < 90; i++)
        {
            var topic = topics[i % 3];
            posts.Append(CultureInfo.InvariantCulture, $"S{i},{new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-dd}T10:00:00Z,image,Day {i} of our week #{topic} #love,{100 + i},5\n");
            if (i < 60)
                labels.Append(CultureInfo.InvariantCulture, $"S{i},topic,{topic}\n");
        }
        return (posts.ToString(), labels.ToString());
    }

    [Fact]
    public async Task Suggestions_AreLearnedInTheBackground_ThenAcceptWritesAManualLabel_AndRejectHidesOne()
    {
        using var client = app.CreateClient();
        var (posts, labels) = Profile();
        var (status, _) = await client.ImportAsync("taxonomy", ("posts.csv", TestFiles.Utf8(posts)), ("labels.csv", TestFiles.Utf8(labels)));
        Assert.Equal(HttpStatusCode.OK, status);

        var deadline = DateTime.UtcNow.AddMinutes(4);
        var (code, body) = await client.GetJsonAsync("/api/profiles/taxonomy/suggestions?category=topic");
        while (code != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            Assert.Equal(HttpStatusCode.Conflict, code);
            Assert.True(body.GetProperty("training").GetBoolean());
            await Task.Delay(500);
            (code, body) = await client.GetJsonAsync("/api/profiles/taxonomy/suggestions?category=topic");
        }
        Assert.True(code == HttpStatusCode.OK, body.ToString());
        var validation = body.GetProperty("validation");
        Assert.Equal("top-k", validation.GetProperty("rule").GetString());
        Assert.Equal(60, validation.GetProperty("posts").GetInt32());
        Assert.True(validation.GetProperty("f1").GetProperty("micro").GetDouble() > 0.9);
        Assert.True(validation.GetProperty("baseline").GetProperty("micro").GetDouble() < 0.5);
        Assert.Equal(3, validation.GetProperty("values").GetArrayLength());
        var items = body.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal(60, items.Count(p => p.GetProperty("source").GetString() == "manual"));
        var suggested = items.Where(p => p.GetProperty("source").GetString() == "suggested").ToList();
        Assert.Equal(30, suggested.Count);
        var s60 = suggested.Single(p => p.GetProperty("post").GetString() == "S60");
        Assert.Equal("travel", s60.GetProperty("value").GetString());
        Assert.InRange(s60.GetProperty("confidence").GetDouble(), 0.5, 1.0);

        using (var accepted = await client.PostAsJsonAsync("/api/profiles/taxonomy/suggestions/accept", new { post = "S60", category = "topic", value = "travel" }))
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        using (var again = await client.PostAsJsonAsync("/api/profiles/taxonomy/suggestions/accept", new { post = "S60", category = "topic", value = "travel" }))
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using (var rejected = await client.PostAsJsonAsync("/api/profiles/taxonomy/suggestions/reject", new { post = "S61", category = "topic", value = "food" }))
            Assert.Equal(HttpStatusCode.NoContent, rejected.StatusCode);
        using (var missing = await client.PostAsJsonAsync("/api/profiles/taxonomy/suggestions/reject", new { post = "S61", category = "", value = "food" }))
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        var (_, after) = await client.GetJsonAsync("/api/profiles/taxonomy/suggestions?category=topic");
        var now = after.GetProperty("posts").EnumerateArray().ToList();
        Assert.Contains(now, p => p.GetProperty("post").GetString() == "S60" && p.GetProperty("source").GetString() == "manual" && p.GetProperty("value").GetString() == "travel");
        Assert.DoesNotContain(now, p => p.GetProperty("post").GetString() == "S61");

        var audit = await app.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: AuditActions.Suggestion));
        Assert.Contains(audit, e => e.Details.Contains("accepted topic = 'travel' for post 'S60'"));
        Assert.Contains(audit, e => e.Details.Contains("rejected topic = 'food' for post 'S61'"));
    }

    [Fact]
    public async Task UnknownCategory_Is400_UnknownProfile_Is404()
    {
        using var client = app.CreateClient();
        var (status, body) = await client.GetJsonAsync("/api/profiles/nobody/suggestions?category=topic");
        Assert.Equal(HttpStatusCode.NotFound, status);
        var (_, _) = await client.ImportAsync("empty-taxonomy", ("posts.csv", TestFiles.Utf8("post_id,published_at,media_type,likes,comments\nE1,2024-01-01T10:00:00Z,image,1,1\n")));
        (status, body) = await client.GetJsonAsync("/api/profiles/empty-taxonomy/suggestions");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("none yet", body.GetProperty("detail").GetString());
    }
}
