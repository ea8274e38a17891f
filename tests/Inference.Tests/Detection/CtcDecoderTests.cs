using Insights.Inference.Detection;

namespace Insights.Inference.Tests.Detection;

/// <summary>Greedy CTC decoding on hand-made probabilities whose answer is known.</summary>
public sealed class CtcDecoderTests
{
    private static readonly string[] Labels = ["<blank>", "a", "b", "$", "1", " "];

    // one row per time step: the class that wins it, with the given probability (the rest shared evenly)
    private static float[] Steps(params (int Class, float P)[] steps)
    {
        var values = new float[steps.Length * Labels.Length];
        for (var t = 0; t < steps.Length; t++)
        {
            for (var c = 0; c < Labels.Length; c++)
                values[t * Labels.Length + c] = c == steps[t].Class ? steps[t].P : (1 - steps[t].P) / (Labels.Length - 1);
        }

        return values;
    }

    [Fact]
    public void Repeats_Collapse_AndBlanks_Drop()
    {
        var read = CtcDecoder.Decode(Steps((1, 0.9f), (1, 0.9f), (0, 0.9f), (2, 0.8f), (2, 0.8f), (0, 0.9f)), 6, Labels);

        Assert.Equal("ab", read.Text);
        Assert.Equal((0.9f + 0.8f) / 2, read.Confidence, 4);
    }

    [Fact]
    public void ABlank_BetweenRepeats_KeepsBothLetters()
    {
        var read = CtcDecoder.Decode(Steps((1, 0.9f), (0, 0.9f), (1, 0.7f), (5, 0.9f), (3, 0.6f), (4, 0.6f), (4, 0.6f)), 7, Labels);

        Assert.Equal("aa $1", read.Text);
    }

    [Fact]
    public void OnlyBlanks_ReadNothing_WithZeroConfidence()
    {
        var read = CtcDecoder.Decode(Steps((0, 0.99f), (0, 0.99f)), 2, Labels);

        Assert.Equal("", read.Text);
        Assert.Equal(0, read.Confidence);
    }

    [Fact]
    public void AWrongSizedInput_IsRefused() =>
        Assert.Throws<ArgumentException>(() => CtcDecoder.Decode(new float[7], 2, Labels));
}
