using System.Numerics.Tensors;
using Insights.Analytics.CustomLabels;

namespace Insights.Analytics.Tests.CustomLabels;

public class CustomLabelFitterTests
{
    // Unit vectors around a centre: the centre plus noise of the given size.
    private static List<float[]> Around(float[] centre, int count, double noise, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var v = centre.Select(c => c + (float)((random.NextDouble() - 0.5) * noise)).ToArray();
            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
            return v;
        })];
    }

    private static float[] Axis(int d, int axis)
    {
        var v = new float[d];
        v[axis] = 1;
        return v;
    }

    [Fact]
    public void ExamplesAndCounterExamples_AreSeparated_AndNewPostsLikeTheExamplesPass()
    {
        var examples = Around(Axis(64, 0), 5, 0.6, 1);
        var counters = Around(Axis(64, 1), 4, 0.6, 2);

        var fit = CustomLabelFitter.Fit(examples, counters);

        Assert.Equal(1.0, fit.ExampleRecall);
        Assert.Equal(1.0, fit.CounterRejection);
        Assert.Equal(1.0, TensorPrimitives.Norm(fit.Prototype), 5);
        var alike = Around(Axis(64, 0), 20, 0.6, 3).Count(v => CustomLabelFitter.Score(fit.Prototype, fit.CounterPrototype, v) >= fit.Threshold);
        var unlike = Around(Axis(64, 1), 20, 0.6, 4).Count(v => CustomLabelFitter.Score(fit.Prototype, fit.CounterPrototype, v) >= fit.Threshold);
        Assert.True(alike >= 18, $"{alike} of 20 look-alikes passed");
        Assert.True(unlike <= 2, $"{unlike} of 20 others passed");
    }

    [Fact]
    public void WithoutCounterExamples_TheThresholdSitsJustBelowTheWeakestExample()
    {
        var examples = Around(Axis(32, 3), 4, 0.5, 5);

        var fit = CustomLabelFitter.Fit(examples, []);

        Assert.Null(fit.CounterRejection);
        Assert.Equal(1.0, fit.ExampleRecall);
        // Leave-one-out scores: the threshold is the lowest minus the margin, so it is below every full-prototype score too.
        Assert.All(examples, e => Assert.True(TensorPrimitives.Dot(fit.Prototype, e) > fit.Threshold));
        Assert.True(fit.Threshold > 0.5, $"threshold {fit.Threshold} should still reject unrelated directions");
    }

    [Fact]
    public void Separate_PicksTheMidpointOfTheGapBetweenTheGroups()
    {
        Assert.Equal(0.65, CustomLabelFitter.Separate([0.9, 0.8, 0.7], [0.6, 0.4]), 9);
        // Overlap: the best balanced accuracy, here 5/6 with the threshold between 0.55 and 0.7.
        Assert.Equal(0.625, CustomLabelFitter.Separate([0.9, 0.7, 0.5], [0.55, 0.3]), 9);
    }

    [Fact]
    public void OneExample_OrMixedLengths_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => CustomLabelFitter.Fit([Axis(8, 0)], []));
        Assert.Throws<ArgumentException>(() => CustomLabelFitter.Fit([Axis(8, 0), Axis(9, 0)], []));
    }

    [Fact]
    public void Prototype_RoundTripsThroughItsStoredBytes() =>
        Assert.Equal(Axis(16, 5), CustomLabelFitter.FromBytes(CustomLabelFitter.ToBytes(Axis(16, 5))));

    [Theory]
    [InlineData("sunset", true)]
    [InlineData("flat_lay2", true)]
    [InlineData("Sunset", false)]
    [InlineData("2sunset", false)]
    [InlineData("sun set", false)]
    [InlineData("", false)]
    public void Names_AreLowerCaseWordsWithUnderscores(string name, bool valid) =>
        Assert.Equal(valid, CustomLabelStore.NameProblem(name) is null);
}
