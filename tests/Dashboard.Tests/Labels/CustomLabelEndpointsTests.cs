using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Insights.Analytics.Jobs;
using Insights.Analytics.Profiles;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Tests.Api;
using Insights.Dashboard.Tests.Prediction;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Insights.Dashboard.Tests.Labels;

/// <summary>
/// Custom labels from examples with the real models: a profile of 12 demo images (6 clipart illustrations, 6 photos,
/// per the demo's recorded truth in media.csv) labelled in the background, then a label "clipart" defined from 4 other
/// illustrations and 4 other photos. Its own app, because defining a label marks the profile's data changed and
/// retrains its models.
/// </summary>
public sealed class CustomLabelEndpointsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Profile = "custom";

    private readonly InsightsApiFixture _app = InsightsApiFixture.Create(new Dictionary<string, string?>
    {
        ["Annotation:Enabled"] = "true",
        ["Inference:PrepareOnStart"] = "true",
        ["Labels:MaxImageBytes"] = "1000000",
    });

    private List<string> _illustrations = [];
    private List<string> _photos = [];

    public async Task InitializeAsync()
    {
        // Distinct pictures (no variants of one another) with their recorded truth.
        var rows = PredictionFixture.ReadCsv(Path.Combine(PredictionFixture.DemoDirectory(), "media.csv"));
        var header = rows[0];
        int kind = Array.IndexOf(header, "kind"), illustration = Array.IndexOf(header, "illustration"), variant = Array.IndexOf(header, "variant_of");
        var images = rows.Skip(1).Where(r => r[kind] == "image" && r[variant].Length == 0).ToList();
        _illustrations = [.. images.Where(r => r[illustration] == "1").Select(r => r[0]).Take(10)];
        _photos = [.. images.Where(r => r[illustration] == "0").Select(r => r[0]).Take(10)];

        var posts = new StringBuilder("Post ID,Publish time,Likes,Comments\n");
        var files = new List<(string, byte[])>();
        foreach (var (file, i) in _illustrations.Take(6).Concat(_photos.Take(6)).Select((f, i) => (f, i)))
        {
            posts.Append(CultureInfo.InvariantCulture, $"P{i},2024-01-{i + 1:00}T10:00:00Z,{100 + i},5\n");
            files.Add(($"P{i}.jpg", File.ReadAllBytes(PredictionFixture.DemoMedia(file))));
        }
        using var client = _app.CreateClient();
        var (status, body) = await client.ImportAsync(Profile, ("posts.csv", TestFiles.Utf8(posts.ToString())), ("media.zip", TestFiles.Zip([.. files])));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        await _app.GetRequiredService<FreshnessService>().SweepAsync();
        var queue = _app.GetRequiredService<JobQueue>();
        BackgroundJob? job = null;
        for (var attempt = 0; attempt < 1200 && job?.Status is not (JobStatus.Succeeded or JobStatus.Failed); attempt++)
        {
            await Task.Delay(500);
            job = (await queue.RecentAsync(null, AnnotateJobHandler.JobKind, 1)).SingleOrDefault();
        }
        Assert.Equal(JobStatus.Succeeded, job?.Status);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> CreateAsync(HttpClient client, string name, IEnumerable<(string Name, byte[] Bytes)> examples, IEnumerable<(string Name, byte[] Bytes)> counters)
    {
        using var form = new MultipartFormDataContent { { new StringContent(name), "name" } };
        foreach (var (field, files) in new[] { ("example", examples), ("counter", counters) })
        {
            foreach (var (fileName, bytes) in files)
            {
                var part = new ByteArrayContent(bytes);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(part, field, fileName);
            }
        }
        using var response = await client.PostAsync($"/api/profiles/{Profile}/custom-labels", form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static IEnumerable<(string, byte[])> Files(IEnumerable<string> names) => names.Select(n => (n, File.ReadAllBytes(PredictionFixture.DemoMedia(n))));

    [Fact]
    public async Task ALabelFromExamples_SeparatesItsExamples_LabelsThePosts_AndShowsAsACategory_ThenDeletes()
    {
        using var client = _app.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);

        var (status, created) = await CreateAsync(client, "clipart", Files(_illustrations.Skip(6)), Files(_photos.Skip(6)));

        Assert.True(status == HttpStatusCode.Created, created.ToString());
        Assert.Equal("custom_clipart", created.GetProperty("category").GetString());
        Assert.Equal(4, created.GetProperty("examples").GetInt32());
        Assert.Equal(4, created.GetProperty("counterExamples").GetInt32());
        Assert.True(created.GetProperty("exampleRecall").GetDouble() >= 0.75, created.ToString());
        Assert.True(created.GetProperty("counterRejection").GetDouble() >= 0.75, created.ToString());
        Assert.Equal(12, created.GetProperty("postsWithEmbedding").GetInt32());

        // Against the recorded truth: posts P0..P5 are illustrations, P6..P11 photos.
        var profileId = (await _app.GetRequiredService<ProfileCatalog>().FindAsync(Profile))!.Id;
        await using var context = _app.NewDbContext();
        var platformIds = await context.Posts.Where(p => p.ProfileId == profileId).ToDictionaryAsync(p => p.Id, p => p.PlatformPostId);
        var automatic = await _app.GetRequiredService<PostLabelSource>().AutomaticLabelsAsync(profileId);
        var right = automatic.Count(a => (a.Value.Categories["custom_clipart"] == "1") == (int.Parse(platformIds[a.Key][1..], CultureInfo.InvariantCulture) < 6));
        output.WriteLine($"custom_clipart: {right} of 12 posts right; threshold {created.GetProperty("threshold").GetDouble():F3}, example recall {created.GetProperty("exampleRecall").GetDouble():P0}, counter-examples rejected {created.GetProperty("counterRejection").GetDouble():P0}");
        Assert.True(right >= 10, $"{right} of 12 posts labelled right");
        Assert.Equal(automatic.Count(a => a.Value.Categories["custom_clipart"] == "1"), created.GetProperty("postsWithIt").GetInt32());

        // It is a label category like the others.
        var (labelsStatus, labels) = await client.GetJsonAsync($"/api/profiles/{Profile}/labels?category=custom_clipart");
        Assert.Equal(HttpStatusCode.OK, labelsStatus);
        Assert.Equal("automatic", labels.GetProperty("categories")[0].GetProperty("source").GetString());
        var (_, list) = await client.GetJsonAsync($"/api/profiles/{Profile}/custom-labels");
        Assert.Equal("clipart", list[0].GetProperty("name").GetString());

        using var deleted = await client.DeleteAsync($"/api/profiles/{Profile}/custom-labels/clipart");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(await _app.GetRequiredService<PostLabelSource>().AutomaticLabelsAsync(profileId), a => a.Value.Categories.ContainsKey("custom_clipart"));
        using var again = await client.DeleteAsync($"/api/profiles/{Profile}/custom-labels/clipart");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task BadRequests_NameTheFieldOrFile_AndKeepNothing()
    {
        using var client = _app.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        var two = Files(_illustrations.Take(2)).ToList();

        var (badName, nameProblem) = await CreateAsync(client, "Sun Set", two, []);
        var (one, oneProblem) = await CreateAsync(client, "single", two.Take(1), []);
        var (corrupt, corruptProblem) = await CreateAsync(client, "broken", [.. two, ("broken.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3])], []);

        Assert.Equal(HttpStatusCode.BadRequest, badName);
        Assert.Equal("name", nameProblem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, one);
        Assert.Equal("example", oneProblem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, corrupt);
        Assert.Contains("broken.jpg", corruptProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (_, list) = await client.GetJsonAsync($"/api/profiles/{Profile}/custom-labels");
        Assert.DoesNotContain(list.EnumerateArray(), l => l.GetProperty("name").GetString() is "single" or "broken");
        var (missing, _) = await client.GetJsonAsync("/api/profiles/nobody/custom-labels");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }
}
