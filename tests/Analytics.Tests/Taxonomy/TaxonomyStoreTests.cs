using Insights.Analytics.Domain;
using Insights.Analytics.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Analytics.Tests.Taxonomy;

public class TaxonomyStoreTests
{
    private const string Posts = """
        post_id,published_at,media_type,caption,likes,comments
        a1,2024-01-01T10:00:00Z,image,Trip to the sea #travel,10,1
        a2,2024-01-02T10:00:00Z,image,New mug in the shop #product,10,1
        a3,2024-01-03T10:00:00Z,image,Another trip #travel,10,1
        """;

    [Fact]
    public async Task Suggestions_AreStored_Accepted_AsManualLabels_AndRejectionsOutliveRetraining()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync();
        Assert.True((await db.ImportTextAsync(profile, "posts.csv", Posts)).Succeeded);
        Assert.True((await db.ImportTextAsync(profile, "labels.csv", "post_id,category,value\na1,topic,travel\na2,topic,product\n")).Succeeded);
        var store = db.Services.GetRequiredService<TaxonomyStore>();
        var (captions, labels) = await store.TrainingDataAsync(profile);
        Assert.Equal(3, captions.Count);
        Assert.Equal(2, labels.Count);
        Assert.True(await store.HasManualLabelsAsync(profile));
        var a3 = await store.PostIdAsync(profile, "a3") ?? throw new InvalidOperationException("a3 missing");

        var posts = Enumerable.Range(0, 40).Select(i => new TaxonomyPost(i, null, i % 2 == 0 ? "#travel" : "#product", [i % 2 == 0 ? "travel" : "product"])).ToList();
        var result = TaxonomyTrainer.Train("topic", posts, new TaxonomyOptions { MinPosts = 10, MinValuePosts = 5, Folds = 2, Repeats = 1, HashBuckets = 64, Iterations = 50 });
        LabelSuggestion Suggest(string value, double confidence) => new() { ProfileId = profile, PostId = a3, Category = "topic", Value = value, Confidence = confidence, ModelStamp = "s1" };
        var trained = new DateTime(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);
        await store.SaveAsync(profile, "s1", trained, [new TaxonomyOutcome("topic", result, null), new TaxonomyOutcome("tone", null, "2 labelled post(s); at least 40 are needed.")],
            [Suggest("travel", 0.9), Suggest("product", 0.2)]);

        Assert.Equal("s1", await store.StampAsync(profile));
        var categories = await store.CategoriesAsync(profile);
        Assert.Equal(["tone", "topic"], categories.Select(c => c.Category));
        Assert.Equal(result.Validation.TopKScore, categories[1].Validation!.TopKScore);
        Assert.Equal(2, categories[1].Suggestions);
        Assert.Null(categories[0].Validation);
        Assert.Equal(result.Head.Values, (await store.HeadAsync(profile, "topic"))!.Values);

        var values = await store.ValuesAsync(profile, "topic");
        Assert.Equal([("a1", "travel", true), ("a2", "product", true), ("a3", "travel", false), ("a3", "product", false)],
            values.Select(v => (v.PlatformPostId, v.Value, v.Manual)));

        long version;
        await using (var context = db.NewContext())
            version = await context.Profiles.Where(p => p.Id == profile).Select(p => p.DataVersion).SingleAsync();
        Assert.Equal(SuggestionDecision.Done, await store.AcceptAsync(profile, a3, "topic", "travel"));
        Assert.Equal(SuggestionDecision.NotFound, await store.AcceptAsync(profile, a3, "topic", "travel"));
        Assert.Equal(SuggestionDecision.Done, await store.RejectAsync(profile, a3, "topic", "product", "tester", trained));
        Assert.Equal(SuggestionDecision.NotFound, await store.RejectAsync(profile, a3, "topic", "food", "tester", trained));
        await using (var context = db.NewContext())
        {
            Assert.True(await context.ManualLabels.AnyAsync(l => l.PostId == a3 && l.Category == "topic" && l.Value == "travel"));
            Assert.Equal(version + 1, await context.Profiles.Where(p => p.Id == profile).Select(p => p.DataVersion).SingleAsync());
        }
        var after = await store.ValuesAsync(profile, null, a3);
        Assert.Equal([("travel", true)], after.Select(v => (v.Value, v.Manual)));

        // A retrain suggesting the rejected value again does not bring it back.
        await store.SaveAsync(profile, "s2", trained, [new TaxonomyOutcome("topic", result, null)], [Suggest("product", 0.3)]);
        Assert.DoesNotContain(await store.ValuesAsync(profile, "topic", a3), v => !v.Manual);
        Assert.Equal(["topic"], (await store.CategoriesAsync(profile)).Select(c => c.Category));
    }
}
