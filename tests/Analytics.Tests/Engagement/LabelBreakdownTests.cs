using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;

namespace Insights.Analytics.Tests.Engagement;

public class LabelBreakdownTests
{
    [Fact]
    public void Lifts_ShowThePlantedEffect_WithIntervals_AndSparseGroupsAreFlagged()
    {
        var posts = SyntheticPosts.Create(900, 11, topicEffect: 1.5);
        var options = new EngagementOptions { Detrend = false, SparseBelow = 400 };

        var breakdown = LabelBreakdowns.Compute(posts, options);

        Assert.Equal(TargetMetric.PopularityRate, breakdown.Metric);
        var rows = breakdown["topic"].Rows.Where(r => r.Group is null).ToDictionary(r => r.Value);
        Assert.Equal(1.5, rows["food"].Median / rows["tips"].Median, 0.1);
        Assert.All(rows.Values, r => Assert.True(r.LiftLow <= r.Lift && r.Lift <= r.LiftHigh));
        Assert.All(rows.Values, r => Assert.True(r.Sparse));
        Assert.Equal(posts.Count, rows.Values.Sum(r => r.N));
        Assert.DoesNotContain(breakdown["topic"].Rows, r => r.Group == MediaGroup.Videos);
    }

    [Fact]
    public void TheTarget_IsErOnlyWhenEnoughPostsHaveIt_AndSaysWhichItIs()
    {
        var withEr = SyntheticPosts.Create(100, 1, withImpressions: true);
        var mixed = withEr.Select((p, i) => i % 3 == 0 ? p with { EngagementRate = null } : p).ToList();
        var options = new EngagementOptions();

        Assert.Equal(TargetMetric.EngagementRate, LabelBreakdowns.Compute(withEr, options).Metric);
        var breakdown = LabelBreakdowns.Compute(mixed, options);
        Assert.Equal(TargetMetric.PopularityRate, breakdown.Metric);
        Assert.Equal("PoR / rolling median", breakdown.Target);
    }

    [Fact]
    public void CrossTable_HasNAndMedianLiftPerCell()
    {
        var posts = SyntheticPosts.Create(600, 12, topicEffect: 2);

        var table = LabelBreakdowns.Cross(posts, "topic", "brightness", new EngagementOptions { Detrend = false });

        Assert.Equal(posts.Count, table.N.Sum(r => r.Sum()));
        var food = table.Rows.ToList().IndexOf("food");
        var tips = table.Rows.ToList().IndexOf("tips");
        for (var c = 0; c < table.Columns.Count; c++)
            Assert.True(table.Lift[food][c] > table.Lift[tips][c]);
    }
}
