using Insights.Inference.Vision;

namespace Insights.Inference.Tests.Vision;

public class ClassActivationMapTests
{
    // 3 channels of 2x2, channel k holding k*10 + cell
    private static readonly FeatureMap Features = new([3, 2, 2], "CHW", [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23]);

    [Fact]
    public void OneHotWeights_GiveThatChannel()
    {
        Assert.Equal([10f, 11f, 12f, 13f], ClassActivationMap.Compute(Features, [0f, 1f, 0f]));
        Assert.Equal([20f, 21f, 22f, 23f], ClassActivationMap.Compute(Features, [0f, 0f, 1f]));
    }

    [Fact]
    public void Map_IsTheWeightedSumOfChannels_ComputedByHand()
    {
        // cell 0: 2*0 - 1*10 + 0.5*20 = 0; cell 3: 2*3 - 1*13 + 0.5*23 = 4.5
        Assert.Equal([0f, 1.5f, 3f, 4.5f], ClassActivationMap.Compute(Features, [2f, -1f, 0.5f]));
    }

    [Fact]
    public void MeanOfTheMap_IsTheHeadsScoreOnPooledFeatures()
    {
        float[] w = [0.3f, -0.7f, 1.1f];
        var map = ClassActivationMap.Compute(Features, w);
        var pooled = new[] { 1.5f, 11.5f, 21.5f };
        Assert.Equal(w.Zip(pooled, (a, b) => a * b).Sum(), map.Average(), 4);
    }

    [Fact]
    public void WrongWeightCount_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ClassActivationMap.Compute(Features, [1f, 2f]));

    [Fact]
    public void Upsample_AlignsCellCentres_AndHoldsEdges()
    {
        // 2x1 map [0, 10] to 4x1: centres of the cells at x = 0.5 and 2.5 of 4 pixels
        Assert.Equal([0f, 2.5f, 7.5f, 10f], ClassActivationMap.Upsample([0f, 10f], 2, 1, 4, 1));
        // same size is the identity
        Assert.Equal([1f, 2f, 3f, 4f], ClassActivationMap.Upsample([1f, 2f, 3f, 4f], 2, 2, 2, 2));
        // a one-hot channel, upsampled, is that channel upsampled
        var channel = ClassActivationMap.Upsample(ClassActivationMap.Compute(Features, [1f, 0f, 0f]), 2, 2, 8, 8);
        Assert.Equal(0f, channel[0]);
        Assert.Equal(3f, channel[^1]);
    }

    [Fact]
    public void Normalize_ScalesToZeroOne_AndAFlatMapIsZero()
    {
        Assert.Equal([0f, 0.5f, 1f], ClassActivationMap.Normalize([2f, 4f, 6f]));
        Assert.Equal([0f, 0f], ClassActivationMap.Normalize([3f, 3f]));
    }
}
