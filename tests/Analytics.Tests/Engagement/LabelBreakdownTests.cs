using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Statistics;

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

    [Fact]
    public void TheBreakdown_EqualsEachValuesSampleSortedAndResampledOnItsOwn()
    {
        // videos in the mix, some posts without a rate, and a caption-less column, so every group and gap is crossed
        var posts = SyntheticPosts.Create(1_500, 13, withImpressions: true)
            .Select((p, i) => p with { MediaType = i % 4 == 0 ? MediaType.Video : p.MediaType, PopularityRate = i % 17 == 0 ? null : p.PopularityRate })
            .ToList();
        var options = new EngagementOptions { BootstrapResamples = 200 };
        var target = EngagementTarget.Compute(posts, options);
        var columns = LabelCategories.Build(posts, options);

        var breakdown = LabelBreakdowns.Compute(posts, target, columns, options);

        // the plain way: for each column, group and value, filter the posts, sort their values, resample
        var random = new Random(options.Seed);
        MediaGroup?[] groups = [null, MediaGroup.Images, MediaGroup.Videos];
        var present = Enumerable.Range(0, posts.Count).Where(i => !double.IsNaN(target.Values[i])).ToList();
        bool InGroup(int i, MediaGroup? group) => group is null || posts[i].MediaType.Group() == group;
        foreach (var column in columns)
        {
            var expected = new List<LabelValueStats>();
            foreach (var group in groups)
            {
                var reference = Descriptive.Median(present.Where(i => InGroup(i, group)).Select(i => target.Values[i]));
                Assert.Equal(reference, breakdown.ReferenceMedians[LabelBreakdowns.GroupName(group)]);
                foreach (var value in column.Values)
                {
                    var sorted = present.Where(i => InGroup(i, group) && column.PerPost[i] == value).Select(i => target.Values[i]).Order().ToArray();
                    if (sorted.Length == 0) continue;
                    var median = Quantiles.OfSorted(sorted, 0.5);
                    var (low, high) = Bootstrap.MedianInterval(sorted, options.BootstrapResamples, random, options.IntervalLevel);
                    expected.Add(new LabelValueStats(value, group, sorted.Length, median, low, high, median / reference, low / reference, high / reference, sorted.Length < options.SparseBelow));
                }
            }
            Assert.Equal(expected, breakdown[column.Category].Rows);
        }
        Assert.Equal(present.Count, breakdown.Posts);
        Assert.Contains(breakdown.Categories.SelectMany(c => c.Rows), r => r.Group == MediaGroup.Videos);
    }
}
