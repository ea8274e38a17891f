using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Insights.E2E;

[Collection(DashboardCollection.Name)]
public sealed partial class LibraryPageTests(DashboardServerFixture server, ITestOutputHelper output)
{
    [GeneratedRegex(@"^([\d,]+) of ([\d,]+) posts$")]
    private static partial Regex CountText();

    [Fact]
    public async Task Library_FilteredToOnePerson_ShowsThePostsAndTheirCount_AndAPostsBoxes()
    {
        await server.WaitForLabelsAsync();

        var clock = Stopwatch.StartNew();
        var page = await server.OpenAsync("/library?profile=demo&people=one_person");
        var cards = page.Locator("[data-testid=library-card]");
        await cards.First.WaitForAsync();
        var gridShown = clock.Elapsed;
        // The thumbnails in view are loaded (the rest load lazily as the grid scrolls).
        await page.WaitForFunctionAsync("""
            () => [...document.querySelectorAll('.library-thumb img')]
                .filter(i => i.getBoundingClientRect().top < window.innerHeight)
                .every(i => i.complete && i.naturalWidth > 0)
            """, null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        var thumbnailsShown = clock.Elapsed;
        output.WriteLine($"Library of the demo (people=one_person): grid shown after {gridShown.TotalMilliseconds:N0} ms, thumbnails in view after {thumbnailsShown.TotalMilliseconds:N0} ms (page open and circuit live included)");

        var count = (await page.Locator("[data-testid=library-count]").InnerTextAsync()).Trim();
        var match = CountText().Match(count);
        Assert.True(match.Success, $"count reads '{count}'");
        var matching = int.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var total = int.Parse(match.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.InRange(matching, 1, total - 1);
        Assert.Equal(Math.Min(matching, 60), await cards.CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "library.png") });

        // Videos carry no boxes (they are per frame), so open an image.
        var image = page.Locator("[data-testid=library-card][data-type=image]").First;
        var postId = await image.GetAttributeAsync("data-post");
        await image.ClickAsync();
        for (var attempt = 0; attempt < 60 && !page.Url.Contains($"post={postId}", StringComparison.Ordinal); attempt++)
            await Task.Delay(500);
        var detail = page.Locator("[data-testid=library-detail]");
        await detail.WaitForAsync();
        var people = detail.Locator("svg[data-testid=asset-boxes] rect[data-kind=person]");
        await people.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=asset-figure] img')].every(i => i.complete && i.naturalWidth > 0)");

        Assert.Equal(1, await people.CountAsync());
        Assert.Contains("one person", await detail.Locator("[data-testid=asset-labels]").InnerTextAsync());
        Assert.Contains($"post={postId}", page.Url);
        // The overlay is drawn in the image's own pixels and stretched over the displayed image.
        var figure = await detail.Locator("[data-testid=asset-figure] img").BoundingBoxAsync();
        var svg = await detail.Locator("svg[data-testid=asset-boxes]").BoundingBoxAsync();
        Assert.NotNull(figure);
        Assert.NotNull(svg);
        Assert.Equal(figure.Width, svg.Width, 1);
        Assert.Equal(figure.Height, svg.Height, 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServerFixture.ScreenshotDirectory, "library-detail.png") });
        await page.CloseAsync();
    }
}
