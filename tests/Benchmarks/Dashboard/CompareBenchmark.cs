using System.Diagnostics;
using System.Security.Claims;
using Insights.Analytics.Annotations;
using Insights.Analytics.Compare;
using Insights.Analytics.Caching;
using Insights.Analytics.CustomLabels;
using Insights.Analytics.Engagement;
using Insights.Analytics.Popularity;
using Insights.Analytics.Profiles;
using Insights.Benchmarks.Analytics;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Accounts.Storage;
using Insights.Dashboard.Compare;
using Insights.Dashboard.Labels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insights.Benchmarks.Dashboard;

/// <summary>
/// The Compare page's data (CompareService.BuildAsync, as the page and /api/compare call it) for 10 profiles of
/// 100,000 synthetic posts each over their whole history, with every cache cold (a fresh service provider per run),
/// beside the bare baseline of reading the same rows (every column of the posts and their manual labels) with a
/// SqliteDataReader, alternated in the same run.
/// </summary>
internal static class CompareBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var profiles = BenchmarkArgs.Int(args, "--profiles", 10);
        var posts = BenchmarkArgs.Int(args, "--posts", 100_000);
        var runs = BenchmarkArgs.Int(args, "--runs", 3);
        BenchmarkArgs.Header($"compare: {profiles} profiles x {posts:N0} synthetic posts, {runs} runs, cold caches");
        var directory = Path.Combine(Path.GetTempPath(), "insights-compare-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var clock = Stopwatch.StartNew();
            await SyntheticProfiles.GenerateAsync(directory, profiles, posts);
            Console.WriteLine($"   generated in {clock.Elapsed.TotalSeconds:F0} s");
            var names = Enumerable.Range(1, profiles).Select(p => $"bench-{p}").ToList();
            // An admin sees every profile without the accounts database being asked; it is real all the same.
            await using var accountServices = new ServiceCollection().AddDbContextFactory<AccountsDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(directory, "accounts.db")}")).BuildServiceProvider();
            var accounts = accountServices.GetRequiredService<IDbContextFactory<AccountsDbContext>>();
            var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));

            var ours = new List<double>();
            var bare = new List<double>();
            var rows = 0;
            CompareModel model = CompareModel.Empty;
            // The first of each warms up; then alternated, so a neighbour's load on the shared machine hits both alike.
            for (var run = 0; run <= runs; run++)
            {
                clock.Restart();
                rows = await SyntheticProfiles.BareReadAsync(directory, Enumerable.Range(1, profiles));
                var b = clock.Elapsed.TotalMilliseconds;
                await using var services = SyntheticProfiles.Services(directory);
                var comparison = Comparison(services, accounts);
                clock.Restart();
                model = await comparison.BuildAsync(admin, names, null, null);
                var o = clock.Elapsed.TotalMilliseconds;
                if (run > 0)
                {
                    bare.Add(b);
                    ours.Add(o);
                }
                SqliteConnection.ClearAllPools();
            }
            double ourMedian = BenchmarkArgs.Median(ours), bareMedian = BenchmarkArgs.Median(bare);
            Console.WriteLine($"   compare {model.Profiles.Count} profiles, {model.Profiles.Sum(p => p.Posts):N0} posts, {model.Labels.Count} labels lined up: {ourMedian / 1000:F2} s; " +
                $"bare read of the same {rows:N0} rows {bareMedian / 1000:F2} s (ratio {ourMedian / bareMedian:F1}; medians of {runs})");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static CompareService Comparison(ServiceProvider services, IDbContextFactory<AccountsDbContext> accounts)
    {
        var labels = new PostLabelSource(services.GetRequiredService<AnnotationStore>(), services.GetRequiredService<CustomLabelStore>(),
            new StampedCache(new MemoryCache(new MemoryCacheOptions()), Options.Create(new CacheOptions())), NullLogger<PostLabelSource>.Instance);
        return new CompareService(new ProfileAccess(accounts, services.GetRequiredService<ProfileCatalog>()), services.GetRequiredService<PopularityService>(),
            services.GetRequiredService<EngagementService>(), labels);
    }
}
