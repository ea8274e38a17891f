using Insights.Analytics.Engagement;

namespace Insights.Analytics.Tests.Engagement;

public class DriversModelTests
{
    private static readonly EngagementOptions Fast = new() { Iterations = 100, ImportanceRepeats = 2, Detrend = false };

    [Fact]
    public void APlantedLabelEffect_IsRecovered_AndBeatsTheMeanBaseline()
    {
        var posts = SyntheticPosts.Create(600, 1);

        var model = DriversTrainer.Train(posts, Fast);

        Assert.Equal(TargetMetric.PopularityRate, model.Metrics.Metric);
        Assert.True(model.Metrics.CrossValidatedR2 > 0.5, $"CV R^2 {model.Metrics.CrossValidatedR2}");
        Assert.InRange(model.Metrics.BaselineR2, -0.05, 0.0001);
        Assert.Equal("topic", model.Metrics.Importances[0].Feature);
        var pd = model.PartialDependence("topic");
        var food = pd.Average[Array.IndexOf(pd.GridLabels, "food")];
        var tips = pd.Average[Array.IndexOf(pd.GridLabels, "tips")];
        Assert.Equal(Math.Log(1.5), food - tips, 0.08);
    }

    [Fact]
    public void ASavedModel_LoadsWithTheSamePredictionsMetricsAndLayout()
    {
        var posts = SyntheticPosts.Create(200, 2);
        var model = DriversTrainer.Train(posts, Fast);

        var loaded = DriversModel.Load(model.ToBytes());

        Assert.Equal(model.Metrics.CrossValidatedR2, loaded.Metrics.CrossValidatedR2);
        Assert.Equal(model.Layout.ColumnNames, loaded.Layout.ColumnNames);
        Assert.Equal(model.Rows.Length, loaded.Rows.Length);
        foreach (var post in posts.Take(20))
            Assert.Equal(model.Predict(post).Score, loaded.Predict(post).Score, 5);
        Assert.Equal(model.PartialDependence("brightness").Average, loaded.PartialDependence("brightness").Average);
    }

    [Fact]
    public void Prediction_IsThreadSafe()
    {
        var posts = SyntheticPosts.Create(200, 3);
        var model = DriversTrainer.Train(posts, Fast);
        var expected = posts.Select(p => model.Predict(p).Score).ToArray();

        var parallel = new float[posts.Count * 4];
        Parallel.For(0, parallel.Length, i => parallel[i] = model.Predict(posts[i % posts.Count]).Score);

        for (var i = 0; i < parallel.Length; i++) Assert.Equal(expected[i % posts.Count], parallel[i]);
        var rows = model.Layout.Encode(posts);
        var batches = new float[8][];
        Parallel.For(0, batches.Length, b => batches[b] = model.PredictBatch(rows));
        Assert.All(batches, batch => Assert.Equal(expected, batch));
    }

    [Fact]
    public void TheSameSeed_GivesTheSameModel()
    {
        var posts = SyntheticPosts.Create(200, 4);

        var a = DriversTrainer.Train(posts, Fast);
        var b = DriversTrainer.Train(posts, Fast);

        Assert.Equal(a.Metrics.CrossValidatedR2, b.Metrics.CrossValidatedR2);
        Assert.Equal(a.Metrics.Importances.Select(i => i.MeanDrop), b.Metrics.Importances.Select(i => i.MeanDrop));
    }

    [Fact]
    public void UnseenLabelValuesOfADraft_AreEncodedAsOther()
    {
        var posts = SyntheticPosts.Create(100, 5);
        var layout = FeatureLayout.Fit(posts, Fast);
        var draft = posts[0] with { ManualLabels = new Dictionary<string, string> { ["topic"] = "brand-new" } };

        var row = layout.Encode(draft);

        var topic = layout["topic"];
        Assert.Equal(1, row[topic.Columns[Array.IndexOf(topic.Values, TopValues.Other)]]);
        Assert.Equal(1, topic.Columns.Sum(c => row[c]));
    }
}
