using System.Diagnostics;
using Insights.Analytics.Popularity;

namespace Insights.Benchmarks.Analytics;

/// <summary>Rolling popularity classes: the O(n log n) sweep on a large profile, and against the naive definition.</summary>
internal static class ClassesBenchmark
{
    private const int Classes = 3;
    private const double HalfWidthDays = 28;
    private const int MinPosts = 12;

    public static int Run(string[] args)
    {
        var posts = BenchmarkArgs.Int(args, "--posts", 1_000_000);
        var naivePosts = BenchmarkArgs.Int(args, "--naive", 20_000);
        BenchmarkArgs.Header($"classes: K={Classes}, 8-week window, min {MinPosts} posts");

        var (warmDays, warmRates) = Series(5_000, 3);
        RollingClasses.Compute(warmDays, warmRates, Classes, HalfWidthDays, MinPosts);
        NaiveRollingClasses.Compute(warmDays[..500], warmRates[..500], Classes, HalfWidthDays, MinPosts);

        var (days, rates) = Series(posts, 1);
        var times = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            RollingClasses.Compute(days, rates, Classes, HalfWidthDays, MinPosts);
            times.Add(clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"   RollingClasses, {posts:N0} posts over 5 years: median {BenchmarkArgs.Median(times):F2} s " +
            $"(runs {string.Join(", ", times.Select(t => t.ToString("F2")))}; target < 3 s)");

        var (smallDays, smallRates) = Series(naivePosts, 2);
        var fastTimes = new List<double>();
        ClassAssignment[] fast = [];
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            fast = RollingClasses.Compute(smallDays, smallRates, Classes, HalfWidthDays, MinPosts);
            fastTimes.Add(clock.Elapsed.TotalSeconds);
        }
        var naiveClock = Stopwatch.StartNew();
        var naive = NaiveRollingClasses.Compute(smallDays, smallRates, Classes, HalfWidthDays, MinPosts);
        var naiveSeconds = naiveClock.Elapsed.TotalSeconds;
        var fastSeconds = BenchmarkArgs.Median(fastTimes);
        Console.WriteLine($"   {naivePosts:N0} posts: RollingClasses {fastSeconds * 1000:F1} ms, NaiveRollingClasses {naiveSeconds:F2} s, " +
            $"speed-up {naiveSeconds / fastSeconds:N0}x, identical results: {fast.AsSpan().SequenceEqual(naive)}");
        return fast.AsSpan().SequenceEqual(naive) ? 0 : 1;
    }

    /// <summary>Posts spread over five years with bursts, a follower-growth drift in the rates, and noise.</summary>
    private static (double[] Days, double[] Rates) Series(int n, int seed)
    {
        var random = new Random(seed);
        var days = new double[n];
        for (var i = 0; i < n; i++)
            days[i] = random.Next(10) == 0 ? Math.Floor(random.NextDouble() * 1825) : random.NextDouble() * 1825;
        Array.Sort(days);
        var rates = new double[n];
        for (var i = 0; i < n; i++)
        {
            var noise = Math.Exp(0.6 * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5));
            rates[i] = 0.08 * Math.Pow(0.6, days[i] / 365) * noise;
        }
        return (days, rates);
    }
}
