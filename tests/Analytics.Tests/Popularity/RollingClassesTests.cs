using Insights.Analytics.Popularity;

namespace Insights.Analytics.Tests.Popularity;

public class RollingClassesTests
{
    [Fact]
    public void Classes_EqualTheNaiveDefinition_OnManyIrregularSeries()
    {
        var random = new Random(20261123);
        var compared = 0;
        for (var trial = 0; trial < 400; trial++)
        {
            var n = trial % 10 == 0 ? random.Next(0, 12) : random.Next(1, 250);
            var (days, rates) = RandomSeries.Irregular(random, n);
            var classes = 2 + trial % 4;
            var halfWidth = (trial % 5) switch { 0 => 0.0, 1 => 0.5, 2 => 3.0, 3 => 28.0, _ => 400.0 };
            var minPosts = (trial % 7) switch { 0 => 2, 1 => 3, 2 => 5, 3 => 12, 4 => 30, 5 => 1, _ => 500 };

            var fast = RollingClasses.Compute(days, rates, classes, halfWidth, minPosts);
            var naive = NaiveRollingClasses.Compute(days, rates, classes, halfWidth, minPosts);

            Assert.Equal(n, fast.Length);
            for (var i = 0; i < n; i++)
            {
                // Exact equality: both compute the same counts and the same division.
                Assert.True(naive[i] == fast[i],
                    $"trial {trial} (n={n}, K={classes}, half width {halfWidth}, min {minPosts}), post {i}: naive {naive[i]}, fast {fast[i]}");
                compared++;
            }
        }
        Assert.True(compared > 30_000);
    }

    [Fact]
    public void Classes_EqualTheNaiveDefinition_WhenAllPostsShareOneMomentOrOneRate()
    {
        double[] sameTime = [5, 5, 5, 5, 5, 5];
        double[] rates = [0.3, 0.1, 0.2, 0.1, 0.5, 0.4];
        Assert.Equal(NaiveRollingClasses.Compute(sameTime, rates, 3, 1, 3), RollingClasses.Compute(sameTime, rates, 3, 1, 3));

        double[] days = [0, 1, 2, 40, 41, 100];
        double[] sameRate = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2];
        var result = RollingClasses.Compute(days, sameRate, 3, 1, 3);
        Assert.Equal(NaiveRollingClasses.Compute(days, sameRate, 3, 1, 3), result);
        // All equal: every post sits at the middle of its window.
        Assert.All(result, a => Assert.Equal(0.5, a.Percentile));
        Assert.All(result, a => Assert.Equal(1, a.Class));
    }

    [Fact]
    public void EverySeriesShorterThanTheMinimum_UsesTheWholeSeriesAsEachWindow()
    {
        double[] days = [0, 100, 200, 300, 400];
        double[] rates = [0.05, 0.01, 0.04, 0.02, 0.03];

        var result = RollingClasses.Compute(days, rates, 5, 7, 12);

        Assert.All(result, a => Assert.Equal(5, a.WindowSize));
        Assert.Equal([4, 0, 3, 1, 2], result.Select(a => a.Class));
        Assert.Equal(0.1, result[1].Percentile, 12);
        Assert.Equal(0.9, result[0].Percentile, 12);
    }

    [Fact]
    public void EmptyAndSingleSeries_AreHandled()
    {
        Assert.Empty(RollingClasses.Compute([], [], 3, 28, 12));
        var single = Assert.Single(RollingClasses.Compute([10], [0.02], 3, 28, 12));
        Assert.Equal(new ClassAssignment(1, 0.5, 1), single);
        Assert.Throws<ArgumentException>(() => RollingClasses.Compute([1, 2], [0.1], 3, 28, 12));
    }

    [Theory]
    [InlineData(1234.5)]
    [InlineData(0.000731)]
    [InlineData(3)]
    public void ScalingEveryRateByAPositiveConstant_ChangesNoClass(double factor)
    {
        // Rates are integers over integers, so distinct rates differ by far more than one rounding
        // step and the scaled series keeps the same order and the same ties.
        var random = new Random(7);
        for (var trial = 0; trial < 50; trial++)
        {
            var (days, _) = RandomSeries.Irregular(random, random.Next(1, 300));
            var rates = days.Select(_ => random.Next(0, 400) / (double)random.Next(1000, 1010)).ToArray();
            var scaled = rates.Select(r => r * factor).ToArray();
            var classes = 2 + trial % 4;

            var before = RollingClasses.Compute(days, rates, classes, 28, 12);
            var after = RollingClasses.Compute(days, scaled, classes, 28, 12);

            Assert.Equal(before.Select(a => a.Class), after.Select(a => a.Class));
            Assert.Equal(before.Select(a => a.Percentile), after.Select(a => a.Percentile));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Classes_AreBalanced_InAStationarySeries(int classes)
    {
        // 6,000 i.i.d. posts over two years, ~58 per 8-week window. Within one window the mid-rank
        // buckets split its posts into K equal parts up to one post, so each post lands in class c
        // with probability 1/K (by exchangeability) up to about 1/window size. The share of a class
        // over n posts then has a standard deviation near sqrt(p(1-p)/n) <= 0.0065 (neighbouring
        // windows overlap, which correlates posts but does not move the mean); 0.03 is over 4 sd.
        var random = new Random(42);
        const int n = 6_000;
        var days = RandomSeries.UniformDays(random, n, 730);
        var rates = days.Select(_ => RandomSeries.LogNormal(random, -3.5, 0.8)).ToArray();

        var result = RollingClasses.Compute(days, rates, classes, 28, 12);

        for (var c = 0; c < classes; c++)
        {
            var share = result.Count(a => a.Class == c) / (double)n;
            Assert.InRange(share, 1.0 / classes - 0.03, 1.0 / classes + 0.03);
        }
        // And over time: each quarter (~750 posts, sd ~0.017) holds each class within 0.07.
        for (var quarter = 0; quarter < 8; quarter++)
        {
            var members = Enumerable.Range(0, n).Where(i => days[i] >= quarter * 91.25 && days[i] < (quarter + 1) * 91.25).ToList();
            for (var c = 0; c < classes; c++)
            {
                var share = members.Count(i => result[i].Class == c) / (double)members.Count;
                Assert.InRange(share, 1.0 / classes - 0.07, 1.0 / classes + 0.07);
            }
        }
    }

    [Fact]
    public void UnderAMonotoneDrift_GlobalClassesPutOldPostsOnTop_WhileRollingClassesStayBalanced()
    {
        // A growing profile: the rate halves every year over five years, with noise on top.
        var random = new Random(5);
        const int n = 5_000;
        var days = RandomSeries.UniformDays(random, n, 5 * 365);
        var rates = days.Select(d => Math.Pow(0.5, d / 365) * RandomSeries.LogNormal(random, -3, 0.3)).ToArray();

        var rolling = RollingClasses.Compute(days, rates, 3, 28, 12);
        var global = RollingClasses.ComputeGlobal(rates, 3);

        var firstYear = Enumerable.Range(0, n).Where(i => days[i] < 365).ToList();
        var lastYear = Enumerable.Range(0, n).Where(i => days[i] >= 4 * 365).ToList();
        double Share(IEnumerable<int> posts, ClassAssignment[] result, int c) => posts.Count(i => result[i].Class == c) / (double)posts.Count();

        Assert.True(Share(firstYear, global, 2) > 0.8, $"global: {Share(firstYear, global, 2):P0} of the first year is high");
        Assert.True(Share(lastYear, global, 0) > 0.8, $"global: {Share(lastYear, global, 0):P0} of the last year is low");

        // Rolling: each year holds each class at about a third (about 1,000 posts a year, sd ~0.015;
        // the drift inside one 8-week window is only ~10%, small against the noise).
        for (var year = 0; year < 5; year++)
        {
            var members = Enumerable.Range(0, n).Where(i => days[i] >= year * 365 && days[i] < (year + 1) * 365).ToList();
            for (var c = 0; c < 3; c++)
                Assert.InRange(Share(members, rolling, c), 1.0 / 3 - 0.06, 1.0 / 3 + 0.06);
        }
    }

    [Fact]
    public void Window_IncludesPostsExactlyAtTheRadius_AndExcludesThoseBeyond()
    {
        double[] days = [0, 1, 2, 3, 3, 5, 9];

        Assert.Equal((1, 5), RollingClasses.Window(days, 3, 2));
        Assert.Equal((2, 4), RollingClasses.Window(days, 3, 1.999));
        Assert.Equal((3, 4), RollingClasses.Window(days, 3, 0));
        Assert.Equal((0, 6), RollingClasses.Window(days, 0, 9));
        Assert.Equal((6, 6), RollingClasses.Window(days, 6, 3.5));
    }

    [Fact]
    public void WindowAround_AMomentWithNoPosts_IsEmpty()
    {
        double[] days = [0, 1, 10];

        var (start, end) = RollingClasses.WindowAround(days, 5, 2);

        Assert.True(end < start);
        Assert.Equal((0, -1), RollingClasses.WindowAround([], 5, 2));
    }

    [Fact]
    public void NearestRadius_IsTheDistanceToTheKthNearestPost_CountingThePostItself()
    {
        double[] days = [0, 1, 2, 3, 3, 5, 9];

        Assert.Equal(0, RollingClasses.NearestRadius(days, 2, 1));
        Assert.Equal(0, RollingClasses.NearestRadius(days, 3, 2));   // a twin at the same moment
        Assert.Equal(1, RollingClasses.NearestRadius(days, 3, 3));
        Assert.Equal(2, RollingClasses.NearestRadius(days, 0, 3));   // first post: only later ones
        Assert.Equal(6, RollingClasses.NearestRadius(days, 6, 3));   // last post: only earlier ones
        Assert.Equal(9, RollingClasses.NearestRadius(days, 0, 7));   // k = n reaches the far end
        Assert.Equal(6, RollingClasses.NearestRadius(days, 4, 7));
    }

    [Fact]
    public void NearestRadius_MatchesSortingAllDistances()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 300; trial++)
        {
            var (days, _) = RandomSeries.Irregular(random, random.Next(1, 60));
            var i = random.Next(days.Length);
            var k = random.Next(1, days.Length + 1);
            var expected = days.Select(d => Math.Abs(d - days[i])).Order().ElementAt(k - 1);
            Assert.Equal(expected, RollingClasses.NearestRadius(days, i, k));
        }
    }

    [Theory]
    [InlineData(0.0, 3, 0)]
    [InlineData(0.3333, 3, 0)]
    [InlineData(0.3334, 3, 1)]
    [InlineData(0.5, 2, 1)]
    [InlineData(0.4999, 2, 0)]
    [InlineData(1.0, 3, 2)]
    [InlineData(0.99, 5, 4)]
    public void ClassOf_BucketsThePercentile(double percentile, int classes, int expected) =>
        Assert.Equal(expected, RollingClasses.ClassOf(percentile, classes));

    [Fact]
    public void GlobalClasses_RankAmongAllPosts()
    {
        var result = RollingClasses.ComputeGlobal([0.4, 0.1, 0.3, 0.2], 2);

        Assert.Equal([1, 0, 1, 0], result.Select(a => a.Class));
        Assert.All(result, a => Assert.Equal(4, a.WindowSize));
    }
}
