using Insights.Analytics.Classification;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Insights.Analytics.Tests.Classification;

public class ClassifierTrainerTests
{
    private static readonly ClassifierOptions Options = new() { L2PerPost = 0.01f, MaximumIterations = 100 };

    [Fact]
    public void ASeparableProblem_IsLearnt_WellAboveTheMajorityBaseline()
    {
        var posts = SyntheticEmbeddings.Clustered(360, 3, 64, signal: 1.0, seed: 1);

        var result = ClassifierTrainer.Train(posts, 3, Options);

        var v = result.Validation;
        Assert.True(v.Accuracy > 0.9, $"accuracy {v.Accuracy}");
        Assert.True(v.Top2Accuracy >= v.Accuracy);
        Assert.InRange(v.BaselineAccuracy, 0.3, 0.37);
        Assert.InRange(v.BaselineTop2Accuracy, 0.63, 0.7);
        Assert.True(v.BeatsBaseline);
        Assert.Equal(360, v.Posts);
        Assert.Equal(0, v.DuplicatesRemoved);
        Assert.Equal([120, 120, 120], v.ClassCounts);
        Assert.Equal(3, v.RepeatAccuracies.Length);
        Assert.Equal(360, v.Confusion.Sum(row => row.Sum()));
        for (var c = 0; c < 3; c++)
            Assert.Equal(v.Confusion[c][c] / 120.0, v.ClassRecall[c], 0.1);
        var right = posts.Count(p => result.Classifier.Predict(p.Normalized) == p.Class);
        Assert.True(right > 0.95 * posts.Count, $"{right} of {posts.Count} right on the training posts");
    }

    [Fact]
    public void EffectiveWeights_ReproduceMlNetScores()
    {
        var posts = SyntheticEmbeddings.Clustered(200, 3, 48, signal: 0.5, seed: 2);
        var x = posts.Select(p => p.Normalized).ToArray();
        var y = posts.Select(p => p.Class).ToArray();

        var (head, model, mean, scale) = ClassifierTrainer.Fit(x, y, 3, Options, seed: 7);

        var ml = new MLContext(7);
        var rows = x.Select(e => new ClassifierRow { Label = 1, Features = ClassifierTrainer.Standardize(e, mean, scale) }).ToList();
        var scores = model.Transform(ml.Data.LoadFromEnumerable(rows, ClassifierTrainer.Schema(3, 48)))
            .GetColumn<float[]>(nameof(ClassifierPrediction.Score)).ToArray();
        for (var i = 0; i < x.Length; i++)
        {
            // softmax(W e + b) from the exposed weights and biases alone
            var logits = Enumerable.Range(0, 3).Select(c => head.ClassWeights(c).Zip(x[i], (w, e) => (double)w * e).Sum() + head.Bias(c)).ToArray();
            var max = logits.Max();
            var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(scores[i][c], exp[c] / exp.Sum(), 1e-4);
                Assert.Equal(scores[i][c], head.Probabilities(x[i])[c], 1e-4);
            }
        }
    }

    [Fact]
    public void Folds_AreStratified_AndRepeatableBySeed()
    {
        var classes = Enumerable.Range(0, 103).Select(i => i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2).ToArray();

        var folds = ClassifierTrainer.StratifiedFolds(classes, 5, seed: 3);

        Assert.Equal(folds, ClassifierTrainer.StratifiedFolds(classes, 5, seed: 3));
        Assert.NotEqual(folds, ClassifierTrainer.StratifiedFolds(classes, 5, seed: 4));
        var sizes = Enumerable.Range(0, 5).Select(f => folds.Count(x => x == f)).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
        for (var c = 0; c < 3; c++)
        {
            var perFold = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, classes.Length).Count(i => folds[i] == f && classes[i] == c)).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"class {c}: {string.Join(",", perFold)}");
        }
    }

    [Fact]
    public void Training_IsRepeatableBySeed()
    {
        var posts = SyntheticEmbeddings.Clustered(150, 2, 32, signal: 0.3, seed: 5);

        var a = ClassifierTrainer.Train(posts, 2, Options);
        var b = ClassifierTrainer.Train(posts, 2, Options);

        Assert.Equal(a.Validation.RepeatAccuracies, b.Validation.RepeatAccuracies);
        Assert.Equal(a.Validation.Confusion, b.Validation.Confusion);
        Assert.Equal(a.Classifier.ClassWeights(1), b.Classifier.ClassWeights(1));
        Assert.Equal(1.0, a.Validation.Top2Accuracy);
    }

    [Fact]
    public void ASavedClassifier_LoadsWithTheSameProbabilities()
    {
        var posts = SyntheticEmbeddings.Clustered(120, 3, 16, signal: 1.0, seed: 6);
        var head = ClassifierTrainer.Train(posts, 3, Options).Classifier;
        using var stream = new MemoryStream();

        head.Save(stream);
        stream.Position = 0;
        var loaded = PopularityClassifier.Load(stream);

        Assert.Equal(3, loaded.ClassCount);
        Assert.Equal(16, loaded.Dimensions);
        foreach (var post in posts.Take(10))
            Assert.Equal(head.Probabilities(post.Normalized), loaded.Probabilities(post.Normalized));
    }

    [Fact]
    public void TooFewPosts_AreRefusedWithAReason()
    {
        var posts = SyntheticEmbeddings.Clustered(12, 2, 16, signal: 1.0, seed: 8);

        var error = Assert.Throws<InvalidOperationException>(() => ClassifierTrainer.Train(posts, 2, Options));

        Assert.Contains("at least 30 posts", error.Message);
    }
}
