using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;

namespace Insights.E2E;

[Collection(DashboardCollection.Name)]
public sealed class CustomLabelsPageTests(DashboardServerFixture server)
{
    private static string Media(string name) => Path.Combine(DashboardServerFixture.RepositoryRoot(), "data", "demo", "media", name);

    /// <summary>Distinct demo images (no variants) that are illustrations, or photos, per the demo's recorded truth.</summary>
    private static (List<string> Illustrations, List<string> Photos) Pictures()
    {
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(Path.Combine(DashboardServerFixture.RepositoryRoot(), "data", "demo", "media.csv")) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        int kind = Array.IndexOf(header, "kind"), illustration = Array.IndexOf(header, "illustration"), variant = Array.IndexOf(header, "variant_of");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            if (parser.ReadFields() is { } r && r[kind] == "image" && r[variant].Length == 0)
                rows.Add(r);
        }
        return ([.. rows.Where(r => r[illustration] == "1").Select(r => r[0]).Take(7)], [.. rows.Where(r => r[illustration] == "0").Select(r => r[0]).Take(7)]);
    }

    [Fact]
    public async Task AnAnalyst_DefinesALabelFromExampleImages_AndSeesHowManyPostsHaveIt()
    {
        // Its own small profile, so the demo's models are not retrained under the other tests.
        var (illustrations, photos) = Pictures();
        var posts = new StringBuilder("Post ID,Publish time,Likes,Comments\n");
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (file, i) in illustrations.Take(4).Concat(photos.Take(4)).Select((f, i) => (f, i)))
            {
                posts.Append(System.Globalization.CultureInfo.InvariantCulture, $"C{i},2024-02-{i + 1:00}T10:00:00Z,{50 + i},3\n");
                await using var entry = archive.CreateEntry($"C{i}.jpg").Open();
                await entry.WriteAsync(await File.ReadAllBytesAsync(Media(file)));
            }
        }
        using var form = new MultipartFormDataContent();
        var csv = new ByteArrayContent(Encoding.UTF8.GetBytes(posts.ToString()));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(csv, "files", "posts.csv");
        var media = new ByteArrayContent(zip.ToArray());
        media.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(media, "files", "media.zip");
        using var imported = await server.Http.PostAsync("/api/profiles/custom-e2e/imports", form);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        await server.WaitForLabelsAsync();

        var page = await server.OpenAsync("/custom-labels?profile=custom-e2e");
        await page.Locator("[data-testid=custom-labels-empty]").WaitForAsync();
        await page.Locator("[data-testid=custom-label-form] input:not([type=file])").First.FillAsync("clipart");
        await page.Locator("[data-testid=custom-label-examples] input[type=file]").SetInputFilesAsync(illustrations.Skip(4).Select(Media));
        await page.Locator("[data-testid=custom-label-counters] input[type=file]").SetInputFilesAsync(photos.Skip(4).Select(Media));
        await page.GetByText(photos.Skip(4).Last()).First.WaitForAsync();
        await page.Locator("[data-testid=custom-label-create]").ClickAsync();

        var row = page.Locator("[data-testid=custom-labels-table] tbody tr").First;
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });
        var text = await row.InnerTextAsync();
        Assert.Contains("custom_clipart", text, StringComparison.Ordinal);
        Assert.Contains("of 8", text, StringComparison.Ordinal);
        Assert.Contains("3 · 3 counter", text, StringComparison.Ordinal);
        await DashboardServerFixture.SaveScreenshotAsync(page, "custom-labels.png");

        // The label is a category of the Labels page.
        await row.Locator("a").ClickAsync();
        await page.Locator("[data-testid=labels-table] tbody tr").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Contains("category=custom_clipart", page.Url, StringComparison.Ordinal);
        await page.CloseAsync();
    }
}
