using Insights.Analytics.Taxonomy;
using Xunit.Abstractions;

namespace Insights.Analytics.Tests.Taxonomy;

public class TaxonomyTrainerTests(ITestOutputHelper output)
{
    private static readonly TaxonomyOptions Options = new() { Folds = 4, Repeats = 2, MinPosts = 20, MinValuePosts = 8, HashBuckets = 256, Iterations = 150 };

    [Fact]
    public void ASeparableValue_IsLearned_AndSuggestedForNewPosts()
    {
        var posts = SyntheticTaxonomy.Posts(160, 3, 16, signal: 2.0, seed: 1, (r, i) => SyntheticTaxonomy.One(r, i, 3));
        var result = TaxonomyTrainer.Train("topic", posts, Options);
        Assert.True(result.Validation.Chosen.MicroF1 > 0.95, $"micro F1 {result.Validation.Chosen.MicroF1:0.000}");
        Assert.All(result.Validation.Values, v => Assert.True(v.F1 > 0.9, $"{v.Value}: F1 {v.F1:0.000}"));
        Assert.InRange(result.Validation.Baseline.MicroF1, 0.25, 0.42);

        // Same seed: the same directions and the same first 160 posts; the 30 after them were never trained on.
        var unseen = SyntheticTaxonomy.Posts(190, 3, 16, signal: 2.0, seed: 1, (r, i) => SyntheticTaxonomy.One(r, i, 3)).Skip(160).ToList();
        var right = unseen.Count(p => result.Head.Suggest(p.Embedding, null).FirstOrDefault()?.Value == p.Values[0]);
        Assert.True(right >= 28, $"{right} of {unseen.Count} new posts got their value first");
    }

    [Fact]
    public void OneValuePerPost_PrefersTop1()
    {
        var posts = SyntheticTaxonomy.Posts(240, 4, 16, signal: 0.9, seed: 2, (r, i) => SyntheticTaxonomy.One(r, i, 4));
        var v = TaxonomyTrainer.Train("tone", posts, Options).Validation;
        output.WriteLine($"top-{v.TopK} micro F1 {v.TopKScore.MicroF1:0.000}, threshold {v.ThresholdScore.MicroF1:0.000}, baseline {v.Baseline.MicroF1:0.000}");
        Assert.Equal(SuggestionRule.TopK, v.Rule);
        Assert.Equal(1, v.TopK);
        Assert.True(v.TopKScore.MicroF1 > v.Baseline.MicroF1 + 0.2);
        Assert.Equal(0, v.PostsWithSeveralValues);
        // Every single-valued post lands once in the confusion matrix; right ones on the diagonal.
        Assert.Equal(240, v.Confusion.Sum(row => row.Sum()));
        Assert.True(Enumerable.Range(0, 4).Sum(i => v.Confusion[i][i]) > 120);
    }

    [Fact]
    public void VariableNumbersOfValues_PreferPerValueThresholds()
    {
        var posts = SyntheticTaxonomy.Posts(240, 4, 16, signal: 1.2, seed: 3, (r, _) => SyntheticTaxonomy.Several(r, 4));
        var v = TaxonomyTrainer.Train("objective", posts, Options).Validation;
        output.WriteLine($"top-{v.TopK} micro F1 {v.TopKScore.MicroF1:0.000}, threshold {v.ThresholdScore.MicroF1:0.000}, baseline {v.Baseline.MicroF1:0.000}");
        Assert.Equal(SuggestionRule.Threshold, v.Rule);
        Assert.True(v.ThresholdScore.MicroF1 > v.TopKScore.MicroF1);
        Assert.True(v.PostsWithSeveralValues > 80);
        Assert.All(v.Values, value => Assert.InRange(value.Threshold, 0.0, 1.0));
    }

    [Fact]
    public void RareValues_AreListed_NotLearned()
    {
        var posts = SyntheticTaxonomy.Posts(120, 2, 8, signal: 2.0, seed: 4, (r, i) => SyntheticTaxonomy.One(r, i, 2));
        posts.AddRange(Enumerable.Range(0, 3).Select(i => new TaxonomyPost(1000 + i, null, null, ["zeta"])));
        var result = TaxonomyTrainer.Train("topic", posts, Options);
        Assert.Equal(["alpha", "beta"], result.Head.Values.Order());
        Assert.Equal([new ValueCount("zeta", 3)], result.Validation.RareValues);
        Assert.Equal(123, result.Validation.Posts);
    }

    [Fact]
    public void Hashtags_Alone_TeachAValue()
    {
        var random = new Random(5);
        string[] topics = ["travel", "food", "pets"];
        var posts = Enumerable.Range(0, 150).Select(i =>
        {
            var topic = topics[i % 3];
            var filler = string.Join(' ', Enumerable.Range(0, 5).Select(_ => "word" + random.Next(40)));
            return new TaxonomyPost(i + 1, null, $"{filler} #{topic} #love", [topic]);
        }).ToList();
        var result = TaxonomyTrainer.Train("topic", posts, Options);
        Assert.True(result.Validation.Chosen.MicroF1 > 0.95, $"micro F1 {result.Validation.Chosen.MicroF1:0.000}");
        Assert.Equal("pets", result.Head.Suggest(null, "look at this #pets #love").First().Value);
    }

    [Fact]
    public void TooFewLabelledPosts_CannotBeLearned_WithAReason()
    {
        var posts = SyntheticTaxonomy.Posts(10, 2, 8, signal: 2.0, seed: 6, (r, i) => SyntheticTaxonomy.One(r, i, 2));
        Assert.False(TaxonomyTrainer.CanLearn(posts, Options, out var reason));
        Assert.Contains("10 labelled post(s)", reason);
        Assert.Throws<InvalidOperationException>(() => TaxonomyTrainer.Train("topic", posts, Options));
    }

    [Fact]
    public void Training_Repeats_AndASavedHeadScoresTheSame()
    {
        var posts = SyntheticTaxonomy.Posts(100, 3, 8, signal: 1.0, seed: 7, (r, i) => SyntheticTaxonomy.One(r, i, 3))
            .Select((p, i) => p with { Caption = i % 2 == 0 ? "#a tag" : null }).ToList();
        var first = TaxonomyTrainer.Train("topic", posts, Options);
        var second = TaxonomyTrainer.Train("topic", posts, Options);
        Assert.Equal(first.Validation.TopKScore, second.Validation.TopKScore);

        using var stream = new MemoryStream();
        first.Head.Save(stream);
        stream.Position = 0;
        var loaded = MultiLabelHead.Load(stream);
        Assert.Equal(first.Head.Values, loaded.Values);
        Assert.Equal(first.Head.Rule, loaded.Rule);
        Assert.Equal(first.Head.Probabilities(posts[0].Embedding, "#a tag"), loaded.Probabilities(posts[0].Embedding, "#a tag"));
    }
}
