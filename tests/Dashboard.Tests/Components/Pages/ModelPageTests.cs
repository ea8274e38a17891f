using Bunit;
using Insights.Analytics.Classification;
using Insights.Analytics.Domain;
using Insights.Dashboard.Classification;
using Insights.Dashboard.Labels;
using Insights.Dashboard.Model;
using Microsoft.Extensions.DependencyInjection;
using ModelPage = Insights.Dashboard.Components.Pages.Model.Model;

namespace Insights.Dashboard.Tests.Components.Pages;

public class ModelPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public ModelPageTests()
    {
        AddTestServices();
        Services.AddSingleton<PostLabelSource>();
        Services.AddSingleton<ClassifierStore>();
    }

    private IRenderedComponent<ModelPage> RenderModel(DashboardFilter filter) => Render<ModelPage>(p => p.AddCascadingValue(filter));

    [Fact]
    public async Task AProfileWithoutLabels_SaysWhyThereIsNoModel()
    {
        var filter = await SeedProfileAsync("plain", TestFiles.ThreePosts, TestFiles.Followers);

        var cut = RenderModel(filter);

        cut.WaitForAssertion(() => Assert.Contains("No post of this profile has labels yet", cut.Find("[data-testid=model-empty]").TextContent), Patience);
    }

    [Fact]
    public async Task ATrainedModel_ShowsAccuracyBesideTheBaseline_RecallConfusionAndDuplicates()
    {
        var filter = await SeedProfileAsync("trained", TestFiles.ThreePosts, TestFiles.Followers);
        var stamp = await Services.GetRequiredService<PostLabelSource>().StampAsync(filter.Profile!.Id);
        await SaveAsync(filter.Profile.Id, stamp);

        var cut = RenderModel(filter);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=model-k3]")), Patience);
        var sentence = cut.Find("[data-testid=model-sentence-k2]").TextContent;
        Assert.Matches(@"named the right class \d+% of the time; always guessing the commonest class \((low|high)\) would be right \d+%", sentence);
        Assert.Contains("larger than the spread across repeats", sentence);
        Assert.Contains("among its two most likely", cut.Find("[data-testid=model-sentence-k3]").TextContent);
        Assert.Equal(3, cut.Find("[data-testid=recall-k3]").QuerySelectorAll("tbody tr").Length);
        Assert.NotNull(cut.Find("[data-testid=confusion-k2]"));
        Assert.Contains("near-duplicates", cut.Find("[data-testid=nn-histogram]").TextContent);
        Assert.Contains("± ", cut.Find("[data-testid=model-k2] .kpi-value").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=model-stale]"));
    }

    [Fact]
    public async Task AModelOfOlderData_IsMarkedAsBeingRetrained()
    {
        var filter = await SeedProfileAsync("stale", TestFiles.ThreePosts, TestFiles.Followers);
        await SaveAsync(filter.Profile!.Id, "an older stamp");

        var cut = RenderModel(filter);

        cut.WaitForAssertion(() => Assert.Contains("changed since", cut.Find("[data-testid=model-stale]").TextContent), Patience);
    }

    private async Task SaveAsync(int profileId, string stamp)
    {
        var random = new Random(4);
        var centres = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 32).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        var posts = Enumerable.Range(0, 90).Select(i =>
        {
            var v = Enumerable.Range(0, 32).Select(j => (float)(centres[i % 3][j] + 0.3 * (random.NextDouble() - 0.5))).ToArray();
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return new ClassifierPost(i + 1, MediaType.Image, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i), v.Select(x => x / norm).ToArray(), i % 3);
        }).ToList();
        var options = new ClassifierOptions();
        var two = ClassifierTrainer.Train(posts.Select(p => p with { Class = p.Class == 2 ? 1 : 0 }).ToList(), 2, options);
        var three = ClassifierTrainer.Train(posts, 3, options);
        var index = SimilarPosts.From(posts.Select(p => (p.PostId, p.Normalized)).ToList());
        await Services.GetRequiredService<ClassifierStore>().SaveAsync(profileId, stamp, DateTime.UtcNow, index, [two, three]);
    }
}
