using System.Net;
using System.Text.Json;
using Insights.Analytics.Annotations;
using Insights.Inference.Vision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Insights.E2E;

/// <summary>
/// What a new user sees in the first minutes after starting on an empty data folder: Predict gives a class long
/// before labelling has finished, and the pages say how many posts the model has seen. It has to watch from the
/// server's start, so a server started fresh runs it in the background from then on (see
/// <see cref="DashboardServerFixture.FreshStartChecked"/>) and the test awaits its outcome.
/// </summary>
public static class FreshStartCheck
{
    public static async Task RunAsync(DashboardServerFixture server, CancellationToken cancellationToken)
    {
        var image = Path.Combine(DashboardServerFixture.RepositoryRoot(), "data", "demo", "media", "img_0101.jpg");
        var store = server.Services.GetRequiredService<AnnotationStore>();
        var version = server.Services.GetRequiredService<MediaAnnotator>().Version;

        // The draft is taken at once: labels and similar posts, with no class and the reason while the first model is
        // being made (labels, then training); the saved draft then gets its class when read again, without a new
        // upload. No fixed wait, however busy the machine.
        JsonElement prediction;
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(image, cancellationToken)), "file", "draft.jpg" } })
        using (var response = await server.Http.PostAsync("/api/profiles/demo/predictions", form, cancellationToken))
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            prediction = JsonDocument.Parse(body).RootElement.Clone();
        }
        Assert.Equal("Image", prediction.GetProperty("labels").GetProperty("kind").GetString());
        if (prediction.GetProperty("class").ValueKind == JsonValueKind.Null)
            Assert.False(string.IsNullOrEmpty(prediction.GetProperty("classNote").GetString()));
        var id = prediction.GetProperty("id").GetInt64();
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (prediction.GetProperty("class").ValueKind != JsonValueKind.Number)
        {
            Assert.True(DateTime.UtcNow < deadline, "No class within 30 minutes of the demo's import.");
            await Task.Delay(3000, cancellationToken);
            using var response = await server.Http.GetAsync($"/api/predictions/{id}", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            prediction = JsonDocument.Parse(body).RootElement.Clone();
        }
        // Read right after the answer: files are still waiting for labels.
        var progress = await store.ProgressAsync(version, cancellationToken);
        Assert.True(progress.Pending > 0, $"labelling had finished ({progress.Done} of {progress.Assets} files) before the first class");

        Assert.InRange(prediction.GetProperty("class").GetInt32(), 0, 2);
        Assert.False(string.IsNullOrEmpty(prediction.GetProperty("className").GetString()));
        var model = prediction.GetProperty("model");
        var trainedOn = model.GetProperty("trainingPosts").GetInt32();
        Assert.InRange(trainedOn, 30, progress.Assets - 1);
        Assert.Matches(@"^Trained on [\d,]+ of 1,471 posts \(those labelled so far\); improves as labelling continues\.$", model.GetProperty("coverage").GetString());

        // The pages say the same in words, at phone and laptop size.
        foreach (var (width, height) in new[] { (1280, 720), (390, 844) })
        {
            var page = await server.OpenAsync("/predict?profile=demo", new ViewportSize { Width = width, Height = height });
            var coverage = page.Locator("[data-testid=model-record] [data-testid=model-coverage]");
            await coverage.WaitForAsync();
            Assert.Contains("improves as labelling continues", await coverage.InnerTextAsync(), StringComparison.Ordinal);
            await DashboardServerFixture.SaveScreenshotAsync(page, $"fresh-predict-{width}.png");
            await page.GotoAsync(new Uri(server.BaseAddress, "/model?profile=demo").ToString());
            await page.Locator("[data-testid=model-coverage]").WaitForAsync();
            await DashboardServerFixture.SaveScreenshotAsync(page, $"fresh-model-{width}.png");
            await page.CloseAsync();
        }
        // The drivers model follows the first labelling steps too (queued after the batch that follows the classifier).
        var drivers = await server.OpenAsync("/drivers?profile=demo", new ViewportSize { Width = 1280, Height = 720 });
        await drivers.Locator("[data-testid=drivers-coverage]").WaitForAsync(new LocatorWaitForOptions { Timeout = 600_000 });
        await DashboardServerFixture.SaveScreenshotAsync(drivers, "fresh-drivers-1280.png");
        Assert.True((await store.ProgressAsync(version, cancellationToken)).Pending > 0);
        await drivers.CloseAsync();
    }
}
