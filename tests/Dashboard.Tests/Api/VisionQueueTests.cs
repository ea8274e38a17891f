using System.Net;
using Insights.Dashboard.Prediction;

namespace Insights.Dashboard.Tests.Api;

/// <summary>
/// /api/annotate and custom-label examples take their turn in the same bounded queue as predictions:
/// while its one slot is busy and nobody may wait, they are refused with 503 and Retry-After before
/// any image is decoded, instead of each decoding its upload in parallel.
/// </summary>
public sealed class VisionQueueTests : IAsyncLifetime
{
    private readonly InsightsApiFixture _app = InsightsApiFixture.Create(new Dictionary<string, string?>
    {
        ["Prediction:MaxConcurrent"] = "1",
        ["Prediction:MaxWaiting"] = "0",
    });

    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<int>? _busy;

    public Task InitializeAsync()
    {
        var queue = _app.GetRequiredService<PredictionQueue>();
        _busy = queue.RunAsync(async _ =>
        {
            await _release.Task;
            return 0;
        });
        Assert.Equal(1, queue.Running);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Annotate_WhenTheQueueIsFull_Is503WithRetryAfter()
    {
        using var client = _app.CreateClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Png(200, 40, 40)), "file", "red.png" } };

        using var response = await client.PostAsync("/api/annotate", form);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
        Assert.Contains("waiting", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomLabelExamples_WhenTheQueueIsFull_Are503WithRetryAfter_AndNoLabelIsMade()
    {
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.ImportAsync("queued", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)))).Status);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("reddish"), "name" },
            { new ByteArrayContent(TestFiles.Png(200, 40, 40)), "example", "a.png" },
            { new ByteArrayContent(TestFiles.Png(190, 30, 30)), "example", "b.png" },
        };

        using var response = await client.PostAsync("/api/profiles/queued/custom-labels", form);
        var (_, labels) = await client.GetJsonAsync("/api/profiles/queued/custom-labels");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(0, labels.GetArrayLength());
    }

    public async Task DisposeAsync()
    {
        _release.SetResult();
        await _busy!;
        await _app.DisposeAsync();
    }
}
