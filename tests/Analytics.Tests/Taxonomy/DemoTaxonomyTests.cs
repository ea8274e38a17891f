using Insights.Analytics.Taxonomy;
using Insights.Analytics.Tests.Engagement;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Insights.Analytics.Tests.Taxonomy;

/// <summary>
/// The demo profile imported for real, 30% of its labelled posts' values hidden per category (seeded), heads trained on
/// the rest and scored against the hidden values beside the majority baseline. Captions only: the demo's embeddings
/// come from labelling its media with the vision models (minutes), which this library does not run.
/// </summary>
public class DemoTaxonomyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HiddenTopics_AreSuggestedFarAboveTheBaseline_WhileRandomTonesAreNot()
    {
        await using var db = await AnalyticsDatabase.CreateAsync();
        var profile = await db.CreateProfileAsync("demo");
        var reports = await db.Import.ImportPathsAsync(profile, new[] { "posts.csv", "labels.csv" }.Select(f => Path.Combine(DemoProfile.DemoFolder, f)));
        Assert.All(reports, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        await using var context = db.NewContext();
        var posts = await context.Posts.Where(p => p.ProfileId == profile).Select(p => new { p.Id, p.Caption }).ToListAsync();
        var labels = await context.ManualLabels.Where(l => posts.Select(p => p.Id).Contains(l.PostId)).ToListAsync();

        var topic = Score("topic", posts.Select(p => (p.Id, p.Caption)).ToList(), labels.Where(l => l.Category == "topic").ToList());
        var tone = Score("tone", posts.Select(p => (p.Id, p.Caption)).ToList(), labels.Where(l => l.Category == "tone").ToList());
        // 88% of the demo's captions carry their topic's hashtag (and "community" is also a generic tag), so about 0.88 is the ceiling.
        Assert.True(topic.F1 > 0.8, $"topic F1 {topic.F1:0.000}");
        Assert.True(topic.F1 > topic.Baseline + 0.5, $"topic F1 {topic.F1:0.000} vs baseline {topic.Baseline:0.000}");
        // Tones were drawn independently of everything: nothing to learn, and cross-validation must say so.
        Assert.True(tone.Validation.Chosen.MicroF1 < tone.Validation.Baseline.MicroF1 + 0.05,
            $"tone micro F1 {tone.Validation.Chosen.MicroF1:0.000} vs baseline {tone.Validation.Baseline.MicroF1:0.000}");
    }

    private (double F1, double Baseline, CategoryValidation Validation) Score(string category, List<(long Id, string? Caption)> posts, List<Domain.ManualLabel> labels)
    {
        var truth = labels.GroupBy(l => l.PostId).ToDictionary(g => g.Key, g => g.Select(l => l.Value).ToList());
        var random = new Random(30);
        var labelled = truth.Keys.Order().ToArray();
        random.Shuffle(labelled);
        var hidden = labelled.Take((int)Math.Round(labelled.Length * 0.3)).ToHashSet();
        var training = posts.Select(p => new TaxonomyPost(p.Id, null, p.Caption, hidden.Contains(p.Id) ? [] : truth.GetValueOrDefault(p.Id) ?? [])).ToList();
        var result = TaxonomyTrainer.Train(category, training, new TaxonomyOptions { Repeats = 1 });
        var majority = training.SelectMany(p => p.Values).CountBy(v => v).OrderByDescending(c => c.Value).First().Key;

        int tp = 0, wrong = 0, baseTp = 0, baseWrong = 0;
        foreach (var post in posts.Where(p => hidden.Contains(p.Id)))
        {
            var suggested = result.Head.Suggest(null, post.Caption).Select(s => s.Value).ToHashSet();
            var actual = truth[post.Id].ToHashSet();
            tp += suggested.Count(actual.Contains);
            wrong += suggested.Count(s => !actual.Contains(s)) + actual.Count(a => !suggested.Contains(a));
            baseTp += actual.Contains(majority) ? 1 : 0;
            baseWrong += actual.Contains(majority) ? actual.Count - 1 : actual.Count + 1;
        }
        var f1 = 2.0 * tp / (2 * tp + wrong);
        var baseline = 2.0 * baseTp / (2 * baseTp + baseWrong);
        var v = result.Validation;
        output.WriteLine($"{category}: {hidden.Count} hidden of {labelled.Length} labelled posts; micro F1 on the hidden {f1:0.000} vs majority '{majority}' {baseline:0.000}; " +
            $"cross-validated on the rest: {v.Rule} (k = {v.TopK}) micro {v.Chosen.MicroF1:0.000} macro {v.Chosen.MacroF1:0.000}, top-k {v.TopKScore.MicroF1:0.000}, threshold {v.ThresholdScore.MicroF1:0.000}, " +
            $"baseline micro {v.Baseline.MicroF1:0.000} macro {v.Baseline.MacroF1:0.000}; {v.Values.Count} values learned, {v.RareValues.Count} too rare; {v.TrainSeconds:0.0} s");
        return (f1, baseline, v);
    }
}
