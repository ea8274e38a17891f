using System.Globalization;
using System.Net;
using System.Text;

namespace Insights.Dashboard.Tests.Api;

public class LabelEndpointsTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    // 60 image posts over 60 days; posts labelled "good" get three times the likes of "plain" ones.
    private static (string Posts, string Labels) LabelledProfile()
    {
        var posts = new StringBuilder("Post ID,Publish time,Post type,Likes,Comments\n");
        var labels = new StringBuilder("Post ID,Category,Value\n");
        for (var i = 0; i < 60; i++)
        {
            var good = i % 2 == 0;
            var likes = (good ? 300 : 100) + i % 7;
            posts.Append(CultureInfo.InvariantCulture, $"L{i},{new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-dd}T12:00:00Z,Photo,{likes},5\n");
            labels.Append(CultureInfo.InvariantCulture, $"L{i},quality,{(good ? "good" : "plain")}\n");
        }
        return (posts.ToString(), labels.ToString());
    }

    [Fact]
    public async Task Labels_OfAManualCategory_GiveN_Medians_AndLiftsOnEitherSideOfOne()
    {
        using var client = app.CreateClient();
        var (posts, labels) = LabelledProfile();
        var (status, _) = await client.ImportAsync("labelled", ("posts.csv", TestFiles.Utf8(posts)), ("followers.csv", TestFiles.Utf8("Date,Followers\n2024-01-01,10000\n")), ("labels.csv", TestFiles.Utf8(labels)));
        Assert.Equal(HttpStatusCode.OK, status);

        var (labelStatus, body) = await client.GetJsonAsync("/api/profiles/labelled/labels?category=quality");

        Assert.Equal(HttpStatusCode.OK, labelStatus);
        Assert.Equal("popularity_rate", body.GetProperty("metric").GetString());
        var category = Assert.Single(body.GetProperty("categories").EnumerateArray());
        Assert.Equal("manual", category.GetProperty("source").GetString());
        var all = category.GetProperty("values").EnumerateArray().Where(v => v.GetProperty("group").GetString() == "all").ToDictionary(v => v.GetProperty("value").GetString()!);
        Assert.Equal(30, all["good"].GetProperty("n").GetInt32());
        Assert.Equal(30, all["plain"].GetProperty("n").GetInt32());
        Assert.True(all["good"].GetProperty("liftLow").GetDouble() > 1, "posts with three times the likes lift above 1");
        Assert.True(all["plain"].GetProperty("liftHigh").GetDouble() < 1);
        Assert.True(all["good"].GetProperty("medianLow").GetDouble() <= all["good"].GetProperty("median").GetDouble());
    }

    [Fact]
    public async Task UnknownCategory_Returns400NamingTheField_AndUnknownProfile404()
    {
        using var client = app.CreateClient();
        var (posts, labels) = LabelledProfile();
        await client.ImportAsync("labelled-2", ("posts.csv", TestFiles.Utf8(posts)), ("labels.csv", TestFiles.Utf8(labels)));

        var (status, body) = await client.GetJsonAsync("/api/profiles/labelled-2/labels?category=nope");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("category", body.GetProperty("field").GetString());
        Assert.Contains("quality", body.GetProperty("detail").GetString());

        var (missing, _) = await client.GetJsonAsync("/api/profiles/nobody/labels");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task AutomaticLabels_OfLabelledMedia_AppearAsCategories_WithTheNumberOfPostsThatHaveThem()
    {
        using var client = app.CreateClient();
        var (posts, _) = LabelledProfile();
        var images = Enumerable.Range(0, 60).Select(i => ($"L{i}.png", TestFiles.Png((byte)i, 7, 7))).ToArray();
        var (status, _) = await client.ImportAsync("auto-labelled", ("posts.csv", TestFiles.Utf8(posts)), ("followers.csv", TestFiles.Utf8("Date,Followers\n2024-01-01,10000\n")), ("media.zip", TestFiles.Zip(images)));
        Assert.Equal(HttpStatusCode.OK, status);
        var store = app.GetRequiredService<Insights.Analytics.Annotations.AnnotationStore>();
        await using (var context = app.NewDbContext())
        {
            // The first 40 posts are labelled: even ones show one person, odd ones none.
            var assets = context.PostMedia.Where(m => context.Profiles.Any(p => p.Id == m.Post!.ProfileId && p.Name == "auto-labelled")).Select(m => new { m.Post!.PlatformPostId, m.MediaAssetId }).ToList();
            foreach (var asset in assets.Where(a => int.Parse(a.PlatformPostId[1..], CultureInfo.InvariantCulture) < 40))
            {
                var labels = Model.LibraryModelTests.Labels(people: int.Parse(asset.PlatformPostId[1..], CultureInfo.InvariantCulture) % 2 == 0 ? 1 : 0);
                await store.SaveAsync(asset.MediaAssetId, "test", Insights.Dashboard.Labels.StoredLabels.ToValues(labels), null);
            }
        }

        var (labelStatus, body) = await client.GetJsonAsync("/api/profiles/auto-labelled/labels?category=people");

        Assert.Equal(HttpStatusCode.OK, labelStatus);
        Assert.Equal(40, body.GetProperty("automaticallyLabelledPosts").GetInt32());
        var category = Assert.Single(body.GetProperty("categories").EnumerateArray());
        Assert.Equal("automatic", category.GetProperty("source").GetString());
        var all = category.GetProperty("values").EnumerateArray().Where(v => v.GetProperty("group").GetString() == "all").ToDictionary(v => v.GetProperty("value").GetString()!);
        Assert.Equal(20, all["one_person"].GetProperty("n").GetInt32());
        Assert.Equal(20, all["no_person"].GetProperty("n").GetInt32());
    }
}
