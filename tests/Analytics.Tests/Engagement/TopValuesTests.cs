using Insights.Analytics.Engagement;

namespace Insights.Analytics.Tests.Engagement;

public class TopValuesTests
{
    [Fact]
    public void KeepsTheMostFrequentValues_AndBucketsTheRestAsOther()
    {
        string?[] values = [.. Repeat("a", 50), .. Repeat("b", 30), .. Repeat("c", 25), .. Repeat("d", 5), .. Repeat(null, 3)];

        var top = TopValues.Fit(values, maxValues: 2, minCount: 10);

        Assert.Equal(["a", "b"], top.Kept);
        Assert.Equal(["a", "b", TopValues.Other, TopValues.None], top.Values);
        Assert.Equal(("a", TopValues.Other, TopValues.Other, TopValues.None), (top.Map("a"), top.Map("c"), top.Map("never seen"), top.Map(null)));
    }

    [Fact]
    public void ValuesBelowTheMinimumCount_GoToOther_EvenWhenThereIsRoom()
    {
        var top = TopValues.Fit([.. Repeat("a", 20), .. Repeat("b", 19)], maxValues: 10, minCount: 20);

        Assert.Equal(["a"], top.Kept);
        Assert.Equal(TopValues.Other, top.Map("b"));
    }

    [Fact]
    public void TiesAreBrokenByName_SoTheChoiceIsStable()
    {
        var top = TopValues.Fit([.. Repeat("z", 5), .. Repeat("y", 5), .. Repeat("x", 5)], maxValues: 2, minCount: 1);

        Assert.Equal(["x", "y"], top.Kept);
    }

    private static IEnumerable<string?> Repeat(string? value, int count) => Enumerable.Repeat(value, count);
}
