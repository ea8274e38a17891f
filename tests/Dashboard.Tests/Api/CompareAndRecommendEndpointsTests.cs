using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Insights.Dashboard.Tests.Api;

public class CompareAndRecommendEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    // 160 image posts over 160 days at 12:00 UTC; 'tutorial' posts get three times the likes; the tone label is noise.
    private static (string Posts, string Labels) PlantedProfile()
    {
        var posts = new StringBuilder("Post ID,Publish time,Post type,Description,Likes,Comments\n");
        var labels = new StringBuilder("Post ID,Category,Value\n");
        var random = new Random(11);
        for (var i = 0; i < 160; i++)
        {
            var tutorial = i % 2 == 0;
            var likes = (int)((tutorial ? 300 : 100) * Math.Exp(0.2 * (random.NextDouble() - 0.5)));
            posts.Append(CultureInfo.InvariantCulture, $"R{i},{new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-dd}T12:00:00Z,Photo,A post,{likes},5\n");
            labels.Append(CultureInfo.InvariantCulture, $"R{i},format,{(tutorial ? "tutorial" : "product")}\n");
            labels.Append(CultureInfo.InvariantCulture, $"R{i},tone,{(random.Next(2) == 0 ? "funny" : "serious")}\n");
        }
        return (posts.ToString(), labels.ToString());
    }

    private const string Followers = "Date,Followers\n2024-01-01,10000\n2024-07-01,11000\n";

    [Fact]
    public async Task Recommendations_CarryFeatureValueLiftIntervalNAndExamples_RankedByTheLowerBound()
    {
        using var client = app.CreateClient();
        var (posts, labels) = PlantedProfile();
        var (status, _) = await client.ImportAsync("planted", ("posts.csv", TestFiles.Utf8(posts)), ("followers.csv", TestFiles.Utf8(Followers)), ("labels.csv", TestFiles.Utf8(labels)));
        Assert.Equal(HttpStatusCode.OK, status);

        // Ranked by the observed lift at first; by the drivers model's predicted lift once the in-process worker has
        // trained it (the Drivers API queues the training if nothing did yet).
        await client.GetJsonAsync("/api/profiles/planted/drivers");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        var (recommendStatus, body) = await client.GetJsonAsync("/api/profiles/planted/recommendations");
        while (recommendStatus == HttpStatusCode.OK && body.GetProperty("basis").GetString() != "model" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            (recommendStatus, body) = await client.GetJsonAsync("/api/profiles/planted/recommendations");
        }

        Assert.Equal(HttpStatusCode.OK, recommendStatus);
        Assert.Equal("model", body.GetProperty("basis").GetString());
        Assert.True(body.GetProperty("modelR2").GetDouble() > 0);
        Assert.Contains("not causes", body.GetProperty("note").GetString());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        var format = Assert.Single(items, i => i.GetProperty("feature").GetString() == "label: format");
        Assert.Equal("tutorial", format.GetProperty("value").GetString());
        Assert.Equal(80, format.GetProperty("n").GetInt32());
        Assert.True(format.GetProperty("low").GetDouble() > 1);
        Assert.True(format.GetProperty("low").GetDouble() <= format.GetProperty("predictedLift").GetDouble());
        Assert.True(format.GetProperty("predictedLift").GetDouble() <= format.GetProperty("high").GetDouble());
        // Three times the likes, seen through the detrended rate (each post over the rolling median of alternating
        // tutorial and product days): both the model and the past posts put it clearly above 1.
        Assert.True(format.GetProperty("predictedLift").GetDouble() > 1.2);
        Assert.True(format.GetProperty("observedLift").GetDouble() > 1.2);
        Assert.True(format.GetProperty("observedLow").GetDouble() <= format.GetProperty("observedLift").GetDouble());
        var examples = format.GetProperty("examples").EnumerateArray().ToList();
        Assert.Equal(3, examples.Count);
        Assert.All(examples, e => Assert.StartsWith("R", e.GetProperty("postId").GetString()));
        Assert.DoesNotContain(items, i => i.GetProperty("feature").GetString() == "label: tone");
        var lows = items.Select(i => i.GetProperty("low").GetDouble()).ToList();
        Assert.Equal(lows.OrderDescending(), lows);
        Assert.Contains(body.GetProperty("avoid").EnumerateArray(), a => a.GetProperty("value").GetString() == "product");

        var (missing, _) = await client.GetJsonAsync("/api/profiles/nobody/recommendations");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task Compare_TwoPlatforms_OneRange_JsonAndCsv()
    {
        using var client = app.CreateClient();
        var (posts, labels) = PlantedProfile();
        await client.ImportAsync("cmp-insta", ("posts.csv", TestFiles.Utf8(posts)), ("followers.csv", TestFiles.Utf8(Followers)), ("labels.csv", TestFiles.Utf8(labels)));
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(TestFiles.Utf8(
                "Video title,Video link,Post time,Total views,Total likes,Total comments,Total shares,Add to Favorites\n" +
                "one,https://www.tiktok.com/@b/video/11,2024-02-01 12:00:00,1000,50,5,1,1\n" +
                "two,https://www.tiktok.com/@b/video/12,2024-02-08 12:00:00,2000,90,9,2,2\n"));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(new StringContent("tiktok"), "platform");
            form.Add(file, "file", "tiktok.csv");
            var response = await client.PostAsync("/api/profiles/cmp-tok/imports", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var imported = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("tiktok", imported.GetProperty("files")[0].GetProperty("platform").GetString());
        }

        var (status, body) = await client.GetJsonAsync("/api/compare?profiles=cmp-insta,cmp-tok&from=2024-01-01&to=2024-03-31");

        Assert.Equal(HttpStatusCode.OK, status);
        var profiles = body.GetProperty("profiles").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(91, profiles["cmp-insta"].GetProperty("posts").GetInt32());
        Assert.Equal(2, profiles["cmp-tok"].GetProperty("posts").GetInt32());
        Assert.Equal("tiktok", profiles["cmp-tok"].GetProperty("platform").GetString());
        Assert.Equal(0, profiles["cmp-tok"].GetProperty("er").GetProperty("n").GetInt32());
        Assert.Contains(profiles["cmp-tok"].GetProperty("definitions").EnumerateArray(), d => d.GetProperty("formula").GetString()!.Contains("Total likes", StringComparison.Ordinal));

        var csv = await client.GetStringAsync("/api/compare.csv?profiles=cmp-insta,cmp-tok&from=2024-01-01&to=2024-03-31");
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("profile,platform,start,end,posts", lines[0]);
        Assert.StartsWith("cmp-insta,instagram,2024-01-01,2024-03-31,91,", lines[1]);

        var (bad, problem) = await client.GetJsonAsync("/api/compare?profiles=");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("profiles", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Import_AnUnknownPlatform_Is400NamingTheField()
    {
        using var client = app.CreateClient();
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("myspace"), "platform");
        form.Add(new ByteArrayContent(TestFiles.Utf8("Post ID,Publish time,Likes,Comments\nA,2024-01-01T00:00:00Z,1,1\n")), "file", "posts.csv");

        var response = await client.PostAsync("/api/profiles/myspace-brand/imports", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("platform", body.GetProperty("field").GetString());
        Assert.Null(await client.ProfileAsync("myspace-brand"));
    }
}
