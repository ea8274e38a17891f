using Insights.Dashboard.Accounts;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Insights.Analytics.Drafts;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Tests.Api;

namespace Insights.Dashboard.Tests.Prediction;

/// <summary>POST /api/profiles/{profile}/predictions with the real models and a small trained profile.</summary>
public class PredictionEndpointsTests(PredictionFixture fixture) : IClassFixture<PredictionFixture>
{
    private InsightsApiFixture App => fixture.App;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PredictAsync(HttpClient client, string profile, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", fileName);
        using var response = await client.PostAsync($"/api/profiles/{profile}/predictions", form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Demo photos that are not among the small profile's posts.</summary>
    private static byte[][] Drafts(int count) =>
        [.. Directory.EnumerateFiles(Path.Combine(PredictionFixture.DemoDirectory(), "media"), "img_*.jpg").Order(StringComparer.Ordinal)
            .Reverse().Take(count).Select(File.ReadAllBytes)];

    [Fact]
    public async Task TwentySimultaneousUploads_AllComplete_WithClassPercentileHeatmapAndSimilarPosts()
    {
        using var client = App.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        var drafts = Drafts(20);

        var results = await Task.WhenAll(drafts.Select((bytes, i) => PredictAsync(client, PredictionFixture.Profile, $"draft{i}.jpg", bytes)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        foreach (var (_, body) in results)
        {
            var probabilities = body.GetProperty("probabilities").EnumerateArray().Select(p => p.GetProperty("probability").GetDouble()).ToList();
            Assert.Equal(3, probabilities.Count);
            Assert.Equal(1.0, probabilities.Sum(), 3);
            var predicted = body.GetProperty("class").GetInt32();
            Assert.Equal(probabilities.IndexOf(probabilities.Max()), predicted);
            Assert.InRange(body.GetProperty("expectedPercentile").GetDouble(), 0, 100);
            Assert.Equal(6, body.GetProperty("similarPosts").GetArrayLength());
            Assert.InRange(body.GetProperty("model").GetProperty("accuracy").GetDouble(), 0, 1);
            Assert.InRange(body.GetProperty("model").GetProperty("baseline").GetDouble(), 0, 1);
            Assert.Equal("Image", body.GetProperty("labels").GetProperty("kind").GetString());
        }

        var first = results[0].Body;
        using var heatmap = await client.GetAsync(first.GetProperty("heatmap").GetString());
        Assert.Equal(HttpStatusCode.OK, heatmap.StatusCode);
        Assert.Equal("image/png", heatmap.Content.Headers.ContentType?.MediaType);
        var png = await heatmap.Content.ReadAsByteArrayAsync();
        Assert.Equal(0x89, png[0]);
        using var draft = await client.GetAsync(first.GetProperty("draft").GetString());
        Assert.Equal(drafts[0], await draft.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task OnceTheDriversModelIsTrained_APredictionSaysWhatItFindsOfTheDraftsMeasurableFeatures()
    {
        using var client = App.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        JsonElement drivers = default;
        for (var status = HttpStatusCode.Conflict; DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            (status, drivers) = await client.GetJsonAsync($"/api/profiles/{PredictionFixture.Profile}/drivers");
            if (status == HttpStatusCode.OK && !drivers.GetProperty("stale").GetBoolean())
                break;
        }
        Assert.Equal(JsonValueKind.Object, drivers.ValueKind);
        Assert.True(drivers.TryGetProperty("importance", out _), drivers.ToString());

        var (predicted, body) = await PredictAsync(client, PredictionFixture.Profile, "draft.jpg", Drafts(1)[0]);

        Assert.Equal(HttpStatusCode.OK, predicted);
        var note = body.GetProperty("featureHintsNote").GetString();
        var hints = body.GetProperty("featureHints").EnumerateArray().ToList();
        // Only features the model finds important (importance clear of zero) may be named.
        var important = drivers.GetProperty("importance").EnumerateArray()
            .Where(i => i.GetProperty("r2Drop").GetDouble() - i.GetProperty("sd").GetDouble() > 0).Select(i => i.GetProperty("feature").GetString()).ToHashSet();
        Assert.All(hints, h =>
        {
            Assert.Contains(h.GetProperty("feature").GetString(), important);
            Assert.Contains("of the average post", h.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.True(h.GetProperty("bestPredicted").GetDouble() >= h.GetProperty("predicted").GetDouble() - 1e-9);
        });
        Assert.StartsWith(hints.Count > 0 ? "From the drivers model" : "The drivers model finds no measurable", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APastPostUploadedAgain_IsItsOwnNearestNeighbour_AndWarnedAsANearDuplicate()
    {
        using var client = App.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        var posts = await client.PostsAsync(PredictionFixture.Profile);
        var rows = PredictionFixture.ReadCsv(Path.Combine(PredictionFixture.DemoDirectory(), "posts.csv"));
        var mediaColumn = Array.IndexOf(rows[0], "media");
        var media = rows.First(r => r[0] == posts[0].GetProperty("id").GetString())[mediaColumn];

        var (status, body) = await PredictAsync(client, PredictionFixture.Profile, "again.jpg", await File.ReadAllBytesAsync(PredictionFixture.DemoMedia(media)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("similarPosts")[0].GetProperty("similarity").GetDouble() > 0.999);
        var duplicate = body.GetProperty("duplicate");
        Assert.Equal(JsonValueKind.Object, duplicate.ValueKind);
        Assert.StartsWith("A near-duplicate was posted on ", duplicate.GetProperty("message").GetString());
    }

    [Fact]
    public async Task VideoDraft_HasAStripOfFramesEachWithItsMap()
    {
        using var client = App.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);

        var (status, body) = await PredictAsync(client, PredictionFixture.Profile, "clip.mp4", await File.ReadAllBytesAsync(PredictionFixture.DemoMedia("vid_001.mp4")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("isVideo").GetBoolean());
        Assert.Equal("videos", body.GetProperty("mediaGroup").GetString());
        var frames = body.GetProperty("frames");
        Assert.True(frames.GetArrayLength() >= 1);
        var id = body.GetProperty("id").GetInt64();
        using var frame = await client.GetAsync($"/api/predictions/{id}/frames/0/frame.jpg");
        Assert.Equal("image/jpeg", frame.Content.Headers.ContentType?.MediaType);
        using var map = await client.GetAsync($"/api/predictions/{id}/frames/0/heatmap.png");
        Assert.Equal("image/png", map.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, byte[], HttpStatusCode, string> BadDrafts()
    {
        var jpeg = File.ReadAllBytes(PredictionFixture.DemoMedia("img_0001.jpg"));
        byte[] gifBomb =
        [
            .. "GIF89a"u8, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF,
            0x2C, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0x02, 0x02, 0x44, 0x01, 0, 0x3B,
        ];
        return new()
        {
            { "notes.jpg", TestFiles.Utf8("these are not pixels"), HttpStatusCode.UnsupportedMediaType, "UnsupportedType" },
            { "empty.jpg", [], HttpStatusCode.UnprocessableEntity, "Corrupt" },
            { "cut.jpg", jpeg[..(jpeg.Length / 2)], HttpStatusCode.UnprocessableEntity, "Corrupt" },
            { "huge.jpg", [.. jpeg[..16], .. new byte[1_100_000]], HttpStatusCode.RequestEntityTooLarge, "TooManyBytes" },
            { "bomb.gif", gifBomb, HttpStatusCode.RequestEntityTooLarge, "TooManyPixels" },
            { "broken.mp4", [0, 0, 0, 0x18, .. "ftypmp42"u8, 0, 0, 0, 0, .. new byte[200]], HttpStatusCode.UnprocessableEntity, "Corrupt" },
        };
    }

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task BadDrafts_GetA4xxNamingTheFileAndReason_AndTheAppKeepsServing(string name, byte[] content, HttpStatusCode expected, string reason)
    {
        using var client = App.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);

        var (status, body) = await PredictAsync(client, PredictionFixture.Profile, name, content);

        Assert.Equal(expected, status);
        Assert.Equal(reason, body.GetProperty("reason").GetString());
        Assert.Equal(name, body.GetProperty("file").GetString());
        Assert.Contains(name, body.GetProperty("detail").GetString());
        var (health, _) = await client.GetJsonAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health);
    }

    [Fact]
    public async Task UnknownProfile_Is404_AndAProfileWithoutLabelledPosts_GetsTheDraftsLabelsWithNoClassAndTheReason()
    {
        using var client = App.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        var jpeg = await File.ReadAllBytesAsync(PredictionFixture.DemoMedia("img_0001.jpg"));

        var (missing, _) = await PredictAsync(client, "nobody", "a.jpg", jpeg);
        Assert.Equal(HttpStatusCode.NotFound, missing);

        var (imported, _) = await client.ImportAsync("bare", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));
        Assert.Equal(HttpStatusCode.OK, imported);
        var (status, body) = await PredictAsync(client, "bare", "a.jpg", jpeg);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("class").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("model").ValueKind);
        Assert.Equal(0, body.GetProperty("probabilities").GetArrayLength());
        Assert.Contains("needs at least", body.GetProperty("classNote").GetString());
        Assert.Equal("Image", body.GetProperty("labels").GetProperty("kind").GetString());
        Assert.Equal(0, body.GetProperty("similarPosts").GetArrayLength());
    }

    [Fact]
    public async Task BeforeTheFirstClassifier_ADraftGetsLabelsAndSimilarLabelledPosts_AndItsClassOnceAModelIsTrained()
    {
        const string early = "early";
        using var client = App.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        // ten of the small profile's photos: labelled already (labels belong to the file), too few for a classifier (Classifier:MinPosts = 20)
        var (posts, media) = PredictionFixture.DemoImages(0, 10);
        var (imported, _) = await client.ImportAsync(early, ("posts.csv", posts), ("followers.csv", PredictionFixture.DemoFollowers()), ("media.zip", media));
        Assert.Equal(HttpStatusCode.OK, imported);
        var profile = await App.GetRequiredService<ProfileCatalog>().FindAsync(early) ?? throw new InvalidOperationException("no profile");
        var labels = App.GetRequiredService<PostLabelSource>();
        await WaitForAsync(async () => (await labels.EmbeddingsAsync(profile.Id)).Count == 10, "the ten posts' labels");

        var (status, body) = await PredictAsync(client, early, "early.jpg", Drafts(1)[0]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("class").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("classNote").GetString()));
        Assert.Equal("Image", body.GetProperty("labels").GetProperty("kind").GetString());
        var similar = body.GetProperty("similarPosts").EnumerateArray().ToList();
        Assert.Equal(6, similar.Count);
        var earlyIds = (await client.PostsAsync(early)).Select(p => p.GetProperty("id").GetString()).ToHashSet();
        Assert.All(similar, s => Assert.Contains(s.GetProperty("platformPostId").GetString(), earlyIds));
        var id = body.GetProperty("id").GetInt64();
        var store = App.GetRequiredService<DraftStore>();
        var userId = (await store.GetAsync(id))!.UserId;
        Assert.Null(Assert.Single(await store.ListAsync(userId, profile.Id), d => d.Id == id).Score);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/predictions/{id}/heatmap.png")).StatusCode);

        // more labelled posts: the profile's first classifier is trained, and the saved draft gets its class
        (posts, media) = PredictionFixture.DemoImages(0, 24);
        (imported, _) = await client.ImportAsync(early, ("posts.csv", posts), ("media.zip", media));
        Assert.Equal(HttpStatusCode.OK, imported);
        var classifiers = App.GetRequiredService<ClassifierStore>();
        await WaitForAsync(async () =>
        {
            await App.GetRequiredService<FreshnessService>().EnsureFreshAsync(profile.Id);
            return await classifiers.GetAsync(profile.Id, 3) is not null;
        }, "the first classifier");

        var (reopened, completed) = await client.GetJsonAsync($"/api/predictions/{id}");

        Assert.Equal(HttpStatusCode.OK, reopened);
        var probabilities = completed.GetProperty("probabilities").EnumerateArray().Select(p => p.GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(3, probabilities.Count);
        Assert.Equal(probabilities.IndexOf(probabilities.Max()), completed.GetProperty("class").GetInt32());
        Assert.Equal(JsonValueKind.Null, completed.GetProperty("classNote").ValueKind);
        Assert.InRange(completed.GetProperty("model").GetProperty("accuracy").GetDouble(), 0, 1);
        Assert.Equal(body.GetProperty("sha256").GetString(), completed.GetProperty("sha256").GetString());
        using var heatmap = await client.GetAsync($"/api/predictions/{id}/heatmap.png");
        Assert.Equal("image/png", heatmap.Content.Headers.ContentType?.MediaType);
        // saved with its class: the list ranks it, and reading it again gives the same class
        Assert.Equal(completed.GetProperty("expectedPercentile").GetDouble(), Assert.Single(await store.ListAsync(userId, profile.Id), d => d.Id == id).Score);
        var (_, again) = await client.GetJsonAsync($"/api/predictions/{id}");
        Assert.Equal(completed.GetProperty("class").GetInt32(), again.GetProperty("class").GetInt32());
    }

    /// <summary>Waits for a condition the background jobs bring about; fails after 10 minutes.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still waiting for {what}.");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task Drafts_AreSavedPerUser_ListedReopenedAndDeleted()
    {
        var creatorId = await App.CreateUserAsync("creator@tests.local", [Roles.Creator], PredictionFixture.Profile);
        using var client = await App.CreateClientFor("creator@tests.local", [Roles.Creator], PredictionFixture.Profile);
        using var other = await App.CreateClientFor("other-creator@tests.local", [Roles.Creator], PredictionFixture.Profile);
        client.Timeout = TimeSpan.FromMinutes(10);
        var (status, body) = await PredictAsync(client, PredictionFixture.Profile, "mine.jpg", Drafts(21)[20]);
        Assert.Equal(HttpStatusCode.OK, status);
        var id = body.GetProperty("id").GetInt64();

        var store = App.GetRequiredService<DraftStore>();
        var profile = await App.GetRequiredService<ProfileCatalog>().FindAsync(PredictionFixture.Profile);
        var mine = await store.ListAsync(creatorId, profile!.Id);
        Assert.Contains(mine, d => d.Id == id && d.FileName == "mine.jpg");
        Assert.Empty(await store.ListAsync("someone-else", profile.Id));
        Assert.Null(await store.GetAsync(id, "someone-else"));

        var (reopened, saved) = await client.GetJsonAsync($"/api/predictions/{id}");
        Assert.Equal(HttpStatusCode.OK, reopened);
        Assert.Equal(body.GetProperty("class").GetInt32(), saved.GetProperty("class").GetInt32());
        Assert.Equal(body.GetProperty("expectedPercentile").GetDouble(), saved.GetProperty("expectedPercentile").GetDouble());
        // Another creator's draft reads as missing through the API; an admin may open it.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/predictions/{id}")).StatusCode);
        using var admin = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/predictions/{id}")).StatusCode);

        Assert.False(await store.DeleteAsync(id, "someone-else"));
        Assert.True(await store.DeleteAsync(id, creatorId));
        Assert.DoesNotContain(await store.ListAsync(creatorId, profile.Id), d => d.Id == id);
    }
}
