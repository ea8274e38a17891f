using Bunit;
using Insights.Analytics.Domain;
using Insights.Analytics.Taxonomy;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Components.Pages.Posts;
using TaxonomyPage = Insights.Dashboard.Components.Pages.Taxonomy.Taxonomy;
using Insights.Dashboard.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Dashboard.Tests.Components.Pages;

public class TaxonomyPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TaxonomyOptions Quick = new() { MinPosts = 10, MinValuePosts = 4, Folds = 3, Repeats = 2, HashBuckets = 128, Iterations = 100 };

    public TaxonomyPageTests() => AddTestServices();

    private async Task<(DashboardFilter Filter, TaxonomyTrainingResult Result)> LearnedAsync()
    {
        var filter = await SeedProfileAsync("learned", TestFiles.ThreePosts, TestFiles.Followers);
        // travel and food are told apart by their hashtags; "sport" is on 2 posts only.
        var posts = Enumerable.Range(0, 40).Select(i => new TaxonomyPost(i, null, i % 2 == 0 ? "#travel day" : "#food day", [i % 2 == 0 ? "travel" : "food"]))
            .Concat([new TaxonomyPost(100, null, "#sport", ["sport"]), new TaxonomyPost(101, null, "#sport", ["sport"])]).ToList();
        var result = TaxonomyTrainer.Train("topic", posts, Quick);
        var store = Services.GetRequiredService<TaxonomyStore>();
        var p2 = await store.PostIdAsync(filter.Profile!.Id, "P2") ?? throw new InvalidOperationException("P2 missing");
        await store.SaveAsync(filter.Profile.Id, "stamp", new DateTime(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc),
            [new TaxonomyOutcome("topic", result, null), new TaxonomyOutcome("tone", null, "3 labelled post(s); at least 40 are needed.")],
            [new LabelSuggestion { ProfileId = filter.Profile.Id, PostId = p2, Category = "topic", Value = "travel", Confidence = 0.83, ModelStamp = "stamp" },
             new LabelSuggestion { ProfileId = filter.Profile.Id, PostId = p2, Category = "topic", Value = "food", Confidence = 0.41, ModelStamp = "stamp" }]);
        return (filter, result);
    }

    [Fact]
    public async Task Page_ShowsF1BesideTheBaseline_TheRule_PerValueN_AndRareValues_InPlainWords()
    {
        var (filter, result) = await LearnedAsync();
        var page = Render<TaxonomyPage>(p => p.AddCascadingValue(filter));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=taxonomy-category]").Count), Patience);

        var v = result.Validation;
        var summary = page.Find("[data-testid=taxonomy-summary]").TextContent;
        Assert.Contains($"Learned from {v.Posts} labelled posts", summary);
        Assert.Contains($"F1 {v.Chosen.MicroF1:0.00}", summary);
        Assert.Contains($"baseline's {v.Baseline.MicroF1:0.00}", summary);
        Assert.Contains("better than", summary);
        // The two "sport" posts get a wrong value under top-1 but none under thresholds: the rule follows the validation.
        var rule = page.Find("[data-testid=taxonomy-rule]").TextContent;
        Assert.Contains(v.Rule == SuggestionRule.TopK ? "Rule: each post gets the single most likely value" : "Rule: each post gets every value likely enough by that value's own threshold", rule);
        Assert.Contains($"{v.TopKScore.MicroF1:0.00}", rule);
        Assert.Contains($"{v.ThresholdScore.MicroF1:0.00}", rule);
        var rows = page.FindAll("[data-testid=taxonomy-values] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([["food", "20"], ["travel", "20"]], rows.Select(r => r.Take(2).ToList()).OrderBy(r => r[0]));
        Assert.Contains("sport (n = 2)", page.Find("[data-testid=taxonomy-rare]").TextContent);
        Assert.Contains("Not learned: 3 labelled post(s)", page.Find("[data-testid=taxonomy-not-learned]").TextContent);
    }

    [Fact]
    public async Task Page_WithoutManualLabels_SaysHowToGetThem()
    {
        var filter = await SeedProfileAsync("plain", TestFiles.ThreePosts, TestFiles.Followers);
        var page = Render<TaxonomyPage>(p => p.AddCascadingValue(filter));
        page.WaitForAssertion(() => Assert.Contains("import manual labels", page.Find("[data-testid=taxonomy-empty]").TextContent), Patience);
    }

    [Fact]
    public async Task PostPanel_MarksSuggestions_AcceptWritesAManualLabel_RejectHidesOne_BothAudited()
    {
        var (filter, _) = await LearnedAsync();
        var store = Services.GetRequiredService<TaxonomyStore>();
        var p2 = (await store.PostIdAsync(filter.Profile!.Id, "P2"))!.Value;
        var panel = Render<SuggestedLabels>(p => p.Add(s => s.ProfileId, filter.Profile.Id).Add(s => s.PostId, p2));
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=suggestion]").Count), Patience);
        Assert.Contains("topic: travel", panel.FindAll("[data-testid=suggestion]")[0].TextContent);
        Assert.Contains("suggested, 83% likely", panel.FindAll("[data-testid=suggestion]")[0].TextContent);

        await panel.FindAll("[data-testid=suggestion-accept]")[0].ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=suggestion]")), Patience);
        await panel.Find("[data-testid=suggestion-reject]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=suggestion]")), Patience);

        var values = await store.ValuesAsync(filter.Profile.Id, "topic", p2);
        Assert.Equal([("travel", true)], values.Select(v => (v.Value, v.Manual)));
        var audit = await Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: AuditActions.Suggestion));
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit, e => e.Details == "accepted topic = 'travel' for post 'P2'");
        Assert.Contains(audit, e => e.Details == "rejected topic = 'food' for post 'P2'");
    }
}
