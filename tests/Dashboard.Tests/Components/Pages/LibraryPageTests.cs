using Bunit;
using Insights.Analytics.Annotations;
using Insights.Analytics.Ingestion;
using Insights.Analytics.Jobs;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Components.Controls;
using Insights.Dashboard.Components.Pages.Library;
using Insights.Dashboard.Jobs;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Model;
using Insights.Dashboard.Tests.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LibraryPage = Insights.Dashboard.Components.Pages.Library.Library;

namespace Insights.Dashboard.Tests.Components.Pages;

public class LibraryPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public LibraryPageTests() => AddTestServices();

    /// <summary>Three posts with media: P1 labelled with one person, P2 failed, P3 (a carousel of two) still waiting.</summary>
    private async Task<DashboardFilter> SeedAsync()
    {
        var filter = await SeedProfileAsync("library", TestFiles.ThreePosts, TestFiles.Followers);
        using (var stream = new MemoryStream(TestFiles.Zip(("P1.png", TestFiles.Png(1)), ("P2.png", TestFiles.Png(2)), ("P3.png", TestFiles.Png(3)), ("P3_2.png", TestFiles.Png(4)))))
        {
            var report = await Services.GetRequiredService<ImportService>().ImportFileAsync(filter.Profile!.Id, "media.zip", stream);
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        }
        await using var context = await Services.GetRequiredService<IDbContextFactory<InsightsDbContext>>().CreateDbContextAsync();
        var assets = await context.PostMedia.Select(m => new { m.Post!.PlatformPostId, m.MediaAssetId }).ToListAsync();
        var store = Services.GetRequiredService<AnnotationStore>();
        await store.SaveAsync(assets.First(a => a.PlatformPostId == "P1").MediaAssetId, "test", StoredLabels.ToValues(LibraryModelTests.Labels(people: 1, faces: 1, text: true)), null);
        await store.SaveAsync(assets.First(a => a.PlatformPostId == "P2").MediaAssetId, "test", null, "P2.png: corrupt or truncated PNG");
        return filter;
    }

    private IRenderedComponent<LibraryPage> RenderAt(string url, DashboardFilter filter)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<LibraryPage>(p => p.AddCascadingValue(filter));
    }

    [Fact]
    public async Task PeopleFilter_ShowsTheMatchingPosts_TheirCount_AndHowFarLabellingHasGot()
    {
        var filter = await SeedAsync();

        var cut = RenderAt("/library?profile=library&people=one_person", filter);
        cut.WaitForAssertion(() => cut.Find("[data-testid=library-count]"), Patience);

        Assert.Equal("1 of 3 posts", cut.Find("[data-testid=library-count]").TextContent.Trim());
        var card = Assert.Single(cut.FindAll("[data-testid=library-card]"));
        Assert.Equal("P1", card.GetAttribute("data-post"));
        Assert.Contains("one person · 1 face · text", card.TextContent);
        Assert.EndsWith("/thumbnail?size=320", card.QuerySelector("img")!.GetAttribute("src"));
        var coverage = cut.Find("[data-testid=library-coverage]").TextContent;
        Assert.Contains("1 of 3 posts labelled", coverage);
        Assert.Contains("1 waiting", coverage);
        Assert.Contains("1 failed", coverage);
    }

    [Fact]
    public async Task WithoutFilters_EveryPostShows_WithWaitingAndFailedMarked()
    {
        var filter = await SeedAsync();

        var cut = RenderAt("/library?profile=library", filter);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=library-card]").Count), Patience);

        Assert.Equal("3 of 3 posts", cut.Find("[data-testid=library-count]").TextContent.Trim());
        var cards = cut.FindAll("[data-testid=library-card]").ToDictionary(c => c.GetAttribute("data-post")!);
        Assert.Contains("waiting for labels", cards["P3"].TextContent);
        Assert.Contains("2", cards["P3"].QuerySelector(".library-badge")!.TextContent);
        Assert.Contains("failed", cards["P2"].TextContent);
        Assert.Empty(cut.FindAll("[data-testid=filter-clear]"));
    }

    [Fact]
    public async Task OpenPost_ShowsItsLabelsAndBoxes_AndAFailedOrWaitingFileSaysSo()
    {
        var filter = await SeedAsync();

        // One page at a time: the test's navigation manager is shared, and a page follows the URL.
        var labelled = RenderAt("/library?profile=library&post=P1", filter);
        labelled.WaitForAssertion(() => labelled.Find("[data-testid=library-detail]"), Patience);
        Assert.Single(labelled.FindAll("rect[data-kind=person]"));
        Assert.Single(labelled.FindAll("rect[data-kind=face]"));
        Assert.Single(labelled.FindAll("rect[data-kind=text]"));
        Assert.Equal("0 0 200 100", labelled.Find("svg[data-testid=asset-boxes]").GetAttribute("viewBox"));
        Assert.Contains("one person", labelled.Find("[data-testid=asset-labels]").TextContent);
        labelled.Dispose();

        var failed = RenderAt("/library?profile=library&post=P2", filter);
        failed.WaitForAssertion(() => failed.Find("[data-testid=asset-error]"), Patience);
        Assert.Contains("corrupt or truncated PNG", failed.Find("[data-testid=asset-error]").TextContent);
        failed.Dispose();

        var waiting = RenderAt("/library?profile=library&post=P3", filter);
        waiting.WaitForAssertion(() => Assert.Equal(2, waiting.FindAll("[data-testid=asset-waiting]").Count), Patience);
        Assert.Contains("Item 2", waiting.Markup);
    }

    [Fact]
    public async Task WordsSearch_FindsThePostsWhoseImageTextHasThem_AndThePanelShowsTheText()
    {
        var filter = await SeedAsync();
        await using (var context = await Services.GetRequiredService<IDbContextFactory<InsightsDbContext>>().CreateDbContextAsync())
        {
            var p1 = await context.PostMedia.Where(m => m.Post!.PlatformPostId == "P1").Select(m => m.MediaAssetId).SingleAsync();
            var labels = LibraryModelTests.Labels(people: 1, text: true);
            await Services.GetRequiredService<AnnotationStore>().SaveAsync(p1, "test", StoredLabels.ToValues(labels with { Text = labels.Text with { Content = "SUMMER SALE\n50% off" } }), null);
        }

        var found = RenderAt("/library?profile=library&q=sale", filter);
        found.WaitForAssertion(() => found.Find("[data-testid=library-count]"), Patience);
        Assert.Equal("1 of 3 posts", found.Find("[data-testid=library-count]").TextContent.Trim());
        Assert.Equal("P1", Assert.Single(found.FindAll("[data-testid=library-card]")).GetAttribute("data-post"));
        found.Dispose();

        var none = RenderAt("/library?profile=library&q=winter", filter);
        none.WaitForAssertion(() => none.Find("[data-testid=library-none]"), Patience);
        none.Dispose();

        var open = RenderAt("/library?profile=library&q=50%25+OFF&post=P1", filter);
        open.WaitForAssertion(() => open.Find("[data-testid=asset-text]"), Patience);
        Assert.Equal("SUMMER SALE\n50% off", open.Find("[data-testid=asset-text]").TextContent);
        Assert.Single(open.FindAll("[data-testid=library-card]"));
    }

    [Fact]
    public void AssetPanel_LegendTogglesEachKindOfBox()
    {
        var asset = new LibraryAsset(1, new string('a', 64), false, 0, LibraryModelTests.Labels(people: 2, faces: 1, objects: [("dog", true)]), null);

        var cut = Render<AssetPanel>(p => p.Add(a => a.Asset, asset));
        Assert.Equal(2, cut.FindAll("rect[data-kind=person]").Count);
        Assert.Single(cut.FindAll("rect[data-kind=object]"));

        cut.Find("button.legend-item[data-kind=person]").Click();

        Assert.Empty(cut.FindAll("rect[data-kind=person]"));
        Assert.Single(cut.FindAll("rect[data-kind=face]"));
        Assert.Equal("false", cut.Find("button.legend-item[data-kind=person]").GetAttribute("aria-pressed"));
        Assert.Contains("People (2)", cut.Find("[data-testid=asset-legend]").TextContent);
    }

    [Fact]
    public void AnAnalyst_SeesOneSensitiveContentFlag_WithoutTheClassBreakdownOrModelVersions()
    {
        SignInAs("analyst@test.local", Roles.Analyst);
        var asset = new LibraryAsset(1, new string('d', 64), false, 0, LibraryModelTests.Labels(people: 1), null);

        var cut = Render<AssetPanel>(p => p.Add(a => a.Asset, asset));

        Assert.Contains("Sensitive content", cut.Markup);
        Assert.Equal("no", cut.Find("[data-testid=asset-sensitive]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=asset-style-classes]"));
        Assert.Empty(cut.FindAll("[data-testid=asset-models]"));
    }

    [Fact]
    public void AnAdmin_AlsoSeesTheStyleClassifiersClassesAndTheModelVersions()
    {
        var asset = new LibraryAsset(1, new string('e', 64), false, 0, LibraryModelTests.Labels(people: 1), null);

        var cut = Render<AssetPanel>(p => p.Add(a => a.Asset, asset));

        Assert.Single(cut.FindAll("[data-testid=asset-style-classes]"));
        Assert.Single(cut.FindAll("[data-testid=asset-models]"));
        Assert.Contains("likely", cut.Find("[data-testid=asset-sensitive]").TextContent);
    }

    [Fact]
    public void Video_ShowsAPosterAndSaysBoxesAreNotDrawn()
    {
        var labels = LibraryModelTests.Labels(people: 1) with { Kind = Insights.Inference.Vision.MediaKind.Video, Frames = 6 };
        var asset = new LibraryAsset(1, new string('c', 64), true, 0, labels, null);

        var cut = Render<AssetPanel>(p => p.Add(a => a.Asset, asset));

        Assert.EndsWith("/thumbnail?size=1024", cut.Find("video").GetAttribute("poster"));
        Assert.Empty(cut.FindAll("rect"));
        Assert.Contains("aggregated over 6 sampled frames", cut.Markup);
        Assert.Contains("none are drawn on the poster", cut.Markup);
    }

    [Fact]
    public async Task TheWaitingNote_SaysLabellingRuns_WhileTheNextBatchRuns_RightAfterTheLastEnded()
    {
        var filter = await SeedAsync();
        var hub = Services.GetRequiredService<JobProgressHub>();
        JobSnapshot Batch(long id, JobStatus status) => new(id, AnnotateJobHandler.JobKind, filter.Profile!.Id, $"Label batch {id}", status, 0, 10, null, null, null, null);
        var cut = RenderAt("/library?profile=library", filter);
        cut.WaitForAssertion(() => cut.Find("[data-testid=library-count]"), Patience);

        // Batch 1 ends (the page re-reads its labels); batch 2, queued before it ended, runs within the refresh interval.
        hub.Publish(Batch(1, JobStatus.Running));
        hub.Publish(Batch(1, JobStatus.Succeeded));
        cut.WaitForAssertion(() => Assert.Contains("labelled by the next labelling run", cut.Find(".mud-alert").TextContent), Patience);
        hub.Publish(Batch(2, JobStatus.Running));

        cut.WaitForAssertion(() => Assert.Contains("the bar above shows how far labelling has got", cut.Find(".mud-alert").TextContent), Patience);
    }

    [Fact]
    public async Task ProfileWithoutMedia_SaysSo()
    {
        var filter = await SeedProfileAsync("no-media", TestFiles.ThreePosts, TestFiles.Followers);

        var cut = RenderAt("/library?profile=no-media", filter);

        cut.WaitForAssertion(() => Assert.Contains("No media imported", cut.Find("[data-testid=library-empty]").TextContent), Patience);
    }

    [Fact]
    public void NoProfile_ShowsTheWayToTheImportPage()
    {
        var cut = Render<LibraryPage>(p => p.AddCascadingValue(DashboardFilter.Empty));

        Assert.Single(cut.FindComponents<NoProfile>());
    }

    [Fact]
    public async Task TheLibrarysPosts_AreSharedUntilALabelIsSaved()
    {
        var filter = await SeedAsync();
        var source = Services.GetRequiredService<LibrarySource>();
        var first = await source.PostsAsync(filter.Profile!.Id, filter);
        Assert.Same(first, await source.PostsAsync(filter.Profile.Id, filter));
        var p3 = first.Single(p => p.PlatformPostId == "P3");
        Assert.Equal(LabelState.Waiting, p3.Cover!.State);

        await Services.GetRequiredService<AnnotationStore>().SaveAsync(p3.Cover.AssetId, "test", StoredLabels.ToValues(LibraryModelTests.Labels(people: 2, faces: 0, text: false)), null);
        var after = await source.PostsAsync(filter.Profile.Id, filter);

        Assert.Equal(LabelState.Labelled, after.Single(p => p.PlatformPostId == "P3").Cover!.State);
    }
}
