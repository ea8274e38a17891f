using System.Net;
using System.Text.RegularExpressions;
using Insights.Dashboard.Tests.Api;

namespace Insights.Dashboard.Tests.Components.Pages;

/// <summary>Every page is prerendered on the server: a plain GET returns the whole page as HTML.</summary>
public partial class ServerRenderingTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitleTag();

    private static async Task<(string Title, string Html)> GetPageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        // App.razor has a static <title>; the page's <PageTitle> is the last one written.
        var title = TitleTag().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).LastOrDefault() ?? "";
        return (title, html);
    }

    [Theory]
    [InlineData("/", "Overview · Insights")]
    [InlineData("/popularity", "Popularity · Insights")]
    [InlineData("/posts", "Posts · Insights")]
    [InlineData("/library", "Library · Insights")]
    [InlineData("/import", "Import · Insights")]
    [InlineData("/reports", "Reports · Insights")]
    public async Task Page_RendersOnTheServer_WithItsTitle(string url, string title)
    {
        using var client = app.CreateClient();
        await client.ImportAsync("rendered", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("followers.csv", TestFiles.Utf8(TestFiles.Followers)));

        var (pageTitle, html) = await GetPageAsync(client, url + "?profile=rendered");

        Assert.Equal(title, pageTitle);
        Assert.Matches($">{title.Split(' ')[0]}</h4>", html);
        Assert.DoesNotContain("data-testid=\"no-profile\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_ShowsTheProfilesPostCount_InThePrerenderedHtml()
    {
        using var client = app.CreateClient();
        await client.ImportAsync("counted", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("followers.csv", TestFiles.Utf8(TestFiles.Followers)));

        var (_, html) = await GetPageAsync(client, "/?profile=counted");

        Assert.Contains("counted on instagram", html, StringComparison.Ordinal);
        Assert.Contains("1 images · 1 carousels · 1 videos", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }
    [Theory]
    [InlineData("/")]
    [InlineData("/popularity")]
    [InlineData("/popularity?view=global&k=5")]
    [InlineData("/posts")]
    [InlineData("/library")]
    [InlineData("/import")]
    [InlineData("/reports")]
    public async Task Page_OfAProfileWithoutPosts_Renders(string url)
    {
        using var client = app.CreateClient();
        // A first import that failed leaves the new profile in place, with no post.
        var (status, _) = await client.ImportAsync("empty", ("posts.csv", TestFiles.Utf8(TestFiles.PostsHeader + "\nE1,never,Photo,x,1,1,,,,\n")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);

        var (title, html) = await GetPageAsync(client, url + (url.Contains('?') ? "&" : "?") + "profile=empty");

        Assert.EndsWith("· Insights", title);
    }

    [Fact]
    public async Task Page_WithABadDateInTheUrl_ShowsAllTime()
    {
        using var client = app.CreateClient();
        await client.ImportAsync("tolerant", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)));

        var (_, html) = await GetPageAsync(client, "/?profile=tolerant&from=garbage");

        Assert.Contains("tolerant on instagram · all time", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPage_PreloadsPlotly_FromTheUrlItsInteropLoads()
    {
        using var client = app.CreateClient();

        var (_, html) = await GetPageAsync(client, "/");
        using var script = await client.GetAsync("/" + Dashboard.Components.App.PlotlyScript);

        Assert.Contains($"<link rel=\"preload\" as=\"script\" href=\"{Dashboard.Components.App.PlotlyScript}\"", html, StringComparison.Ordinal);
        // A Plotly.Blazor update renames its bundle: then this fails instead of the page preloading a missing file.
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        // Plotly.Blazor's assembly holds the URL it imports as a string literal (UTF-16): it must be the preloaded one.
        var bytes = File.ReadAllBytes(typeof(Plotly.Blazor.PlotlyChart).Assembly.Location);
        var assembly = System.Text.Encoding.Unicode.GetString(bytes) + System.Text.Encoding.Unicode.GetString(bytes, 1, bytes.Length - 1);
        Assert.Contains("./" + Dashboard.Components.App.PlotlyScript, assembly, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_Is404()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
    [Theory]
    [InlineData("/popularity?base=reach")]
    [InlineData("/popularity?base=impressions&k=2&weeks=4&min=3")]
    [InlineData("/popularity?view=global&k=5")]
    [InlineData("/popularity?k=99&weeks=0&min=1")]
    [InlineData("/popularity?k=abc&weeks=x")]
    [InlineData("/popularity?weeks=NaN&min=1e9")]
    public async Task Popularity_WithSettingsInTheUrl_Renders(string url)
    {
        using var client = app.CreateClient();
        await client.ImportAsync("settings", ("posts.csv", TestFiles.Utf8(TestFiles.ThreePosts)), ("followers.csv", TestFiles.Utf8(TestFiles.Followers)));

        var (title, html) = await GetPageAsync(client, url + "&profile=settings");

        Assert.Equal("Popularity · Insights", title);
        Assert.Contains("data-testid=\"class-counts-images\"", html, StringComparison.Ordinal);
    }
}
