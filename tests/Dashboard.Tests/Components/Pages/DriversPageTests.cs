using Bunit;
using Insights.Dashboard.Components.Controls;
using Insights.Dashboard.Configuration;
using Insights.Dashboard.Drivers;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Tests.Drivers;
using Microsoft.Extensions.DependencyInjection;
using DriversPage = Insights.Dashboard.Components.Pages.Drivers.Drivers;

namespace Insights.Dashboard.Tests.Components.Pages;

public class DriversPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public DriversPageTests()
    {
        AddTestServices();
        Services.AddSingleton(new DashboardPaths(AppContext.BaseDirectory));
        Services.AddSingleton<PostLabelSource>();
        Services.AddOptions<DriversOptions>();
        Services.AddSingleton<DriversStore>();
        Services.AddSingleton<DriversScheduler>();
    }

    [Fact]
    public async Task TrainedModel_ShowsR2InWords_Importance_AndThePdpOfTheChosenFeature()
    {
        var filter = await SeedProfileAsync("brand", TestFiles.ThreePosts, TestFiles.Followers);
        var profileId = filter.Profile!.Id;
        var stamp = await Services.GetRequiredService<PostLabelSource>().StampAsync(profileId);
        var model = DriversTestModel.Train();
        await Services.GetRequiredService<DriversStore>().SaveAsync(DriversTestModel.Figures(profileId, stamp, model), model);

        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/drivers?feature=kind");
        var cut = Render<DriversPage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=drivers-summary]"), Patience);

        // The page opens with the tiles in words, one per finding, each with its n and what it compares against.
        var tiles = cut.FindAll("[data-testid=drivers-tile]");
        var figures = Services.GetRequiredService<DriversStore>().GetFigures(profileId)!;
        Assert.Equal(figures.Summaries!.Select(s => s.Feature), tiles.Select(t => t.GetAttribute("data-feature")));
        var kind = figures.Summaries!.Single(s => s.Feature == "kind");
        var kindTile = tiles.Single(t => t.GetAttribute("data-feature") == "kind").TextContent;
        Assert.Contains($"Posts where kind is {kind.Value!.ToUpperInvariant()} did ", kindTile);
        Assert.Contains($"n = {kind.N} of 240 posts; compared by the median popularity rate", kindTile);
        Assert.Contains(DriversView.Effect(kind.Observed), kindTile);

        var summary = cut.Find("[data-testid=drivers-summary]").TextContent;
        Assert.Contains("The model explains", summary);
        Assert.Contains("a model that always guesses the average explains 0%", summary);
        // Plain words come first: what the model can tell, with its n, and what the chosen feature does.
        var words = cut.Find("[data-testid=drivers-in-words]").TextContent;
        Assert.Contains("n = 240 posts", words);
        Assert.Matches(@"Kind: with “[^”]+” a post is predicted to do (\d+% better|[\d.]+ times as well|about as well) than the average post", words);
        Assert.Empty(cut.FindAll("[data-testid=drivers-stale]"));
        var charts = cut.FindComponents<Chart>().ToDictionary(c => c.Instance.TestId);
        // Importance is drawn on the server (SVG, in the first HTML): one row per feature, in the model's order.
        var importance = cut.Find("[data-testid=drivers-importance]");
        Assert.Contains("n = 240 posts", importance.TextContent);
        Assert.Equal(model.Metrics.Importances.Select(i => i.Feature), importance.QuerySelectorAll("svg g[data-feature]").Select(g => g.GetAttribute("data-feature")));
        Assert.Equal("kind", cut.Find("[data-testid=drivers-pdp-panel]").GetAttribute("data-feature"));
        // Histogram, 10 ICE curves, and the bold PDP line.
        Assert.Equal(12, charts["drivers-pdp"].Instance.Data.Count);
        Assert.Contains("10 sampled posts", charts["drivers-pdp"].Instance.Caption);
        Assert.Contains("/api/profiles/brand/drivers/pdp.csv?feature=kind", cut.Find("[data-testid=drivers-pdp-csv]").GetAttribute("href"));
        cut.WaitForAssertion(() => Assert.Single(charts["drivers-pair"].Instance.Data), Patience);
    }

    [Fact]
    public async Task FiguresStoredBeforeTiles_SayTheSummaryFollowsTheNextTraining()
    {
        var filter = await SeedProfileAsync("older", TestFiles.ThreePosts, TestFiles.Followers);
        var profileId = filter.Profile!.Id;
        var stamp = await Services.GetRequiredService<PostLabelSource>().StampAsync(profileId);
        var model = DriversTestModel.Train();
        await Services.GetRequiredService<DriversStore>().SaveAsync(DriversTestModel.Figures(profileId, stamp, model) with { Summaries = null }, model);

        var cut = Render<DriversPage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=drivers-tiles-empty]"), Patience);

        Assert.Contains("appears after the next training", cut.Find("[data-testid=drivers-tiles-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=drivers-tile]"));
        // The statistics still show.
        Assert.NotNull(cut.Find("[data-testid=drivers-importance]"));
    }

    [Fact]
    public async Task NoModel_SaysSo_AndOpeningThePageQueuesNothing()
    {
        var filter = await SeedProfileAsync("fresh", TestFiles.ThreePosts, TestFiles.Followers);

        var cut = Render<DriversPage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=drivers-empty]"), Patience);

        Assert.Contains("No drivers model yet", cut.Find("[data-testid=drivers-empty]").TextContent);
        // Page loads only read: the freshness service, called by imports, job ends and its sweep, queues the training.
        Assert.Null(await Services.GetRequiredService<DriversScheduler>().LatestJobAsync(filter.Profile!.Id));
    }

    [Fact]
    public async Task TrainingQueuedByTheFreshnessService_ShowsItsProgress()
    {
        var filter = await SeedProfileAsync("queued", TestFiles.ThreePosts, TestFiles.Followers);
        Assert.True((await Services.GetRequiredService<Insights.Dashboard.Jobs.FreshnessService>().EnsureFreshAsync(filter.Profile!.Id)).Drivers);

        var cut = Render<DriversPage>(p => p.AddCascadingValue(filter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=drivers-empty]"), Patience);

        Assert.Contains("Training the drivers model", cut.Find("[data-testid=drivers-empty]").TextContent);
    }
}
