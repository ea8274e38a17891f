using Insights.Analytics.Annotations;

namespace Insights.Analytics.Tests.Annotations;

public sealed class LabellingOrderTests
{
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>One asset a day for <paramref name="days"/> days; asset i was posted on day i.</summary>
    private static List<AssetPublished> Daily(int days) => Enumerable.Range(0, days).Select(i => new AssetPublished(i + 1, Start.AddDays(i))).ToList();

    [Fact]
    public void EveryAsset_OnceAndOnlyOnce()
    {
        foreach (var n in new[] { 0, 1, 2, 3, 7, 64, 100, 1659 })
        {
            var order = LabellingOrder.Arrange(Daily(n));
            Assert.Equal(Enumerable.Range(1, n).Select(i => (long)i), order.Order());
        }
    }

    [Fact]
    public void TheNewestComeFirst_InterleavedWithASampleOfTheWholeHistory()
    {
        var assets = Daily(1000);
        var order = LabellingOrder.Arrange(assets);
        var first = order.Take(50).ToList();
        // The newest post is first, and half of the first 50 are the 25 newest.
        Assert.Equal(1000, first[0]);
        Assert.Equal(Enumerable.Range(976, 25).Select(i => (long)i).Reverse(), first.Where((_, i) => i % 2 == 0));
        // The other half spreads over the whole history: every fifth of it has posts among the first 50.
        var fifths = first.Select(id => (int)((id - 1) / 200)).Distinct().Count();
        Assert.Equal(5, fifths);
        Assert.Contains(first, id => id <= 100);
    }

    [Fact]
    public void TheOrder_IsTheSame_WhateverOrderTheRowsCameIn()
    {
        var assets = Daily(300);
        var shuffled = assets.OrderBy(a => (a.AssetId * 7919) % 301).ToList();
        Assert.Equal(LabellingOrder.Arrange(assets), LabellingOrder.Arrange(shuffled));
    }

    [Fact]
    public void AssetsOfOneDay_FollowTheirIds()
    {
        var sameDay = Enumerable.Range(0, 4).Select(i => new AssetPublished(10 - i, Start)).ToList();
        Assert.Equal(new long[] { 7, 10, 8, 9 }.Order(), LabellingOrder.Arrange(sameDay).Order());
        Assert.Equal(7, LabellingOrder.Arrange(sameDay)[0]);
    }
}
