using System.Diagnostics;
using System.Globalization;
using System.Text;
using Insights.Analytics.Domain;
using Insights.Analytics.Engagement;
using Insights.Analytics.Extensions;
using Insights.Analytics.Reports;
using Insights.Analytics.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Benchmarks.Analytics;

/// <summary>
/// Reports: building the demo profile's content (with and without training the drivers model) and writing it
/// as PDF, XLSX and CSV; then writing 100,000 posts as CSV and XLSX, the CSV against a bare StreamWriter that
/// writes the same fields with no quoting or neutralising (the ratio is the cost of safety and of the shared
/// column model). Medians of --runs alternating runs.
/// Recorded 2026-11-23 on the shared 2-core machine (load average ~30), Release: demo drivers model 10.9 s; demo 2025
/// content 0.90 s; PDF 148 ms (1.1 MB), XLSX 32 ms, CSV 5 ms; 100,000 posts CSV 0.55 s vs bare 0.44 s (ratio 1.24), XLSX 5.4 s.
/// </summary>
internal static class ReportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = BenchmarkArgs.Int(args, "--runs", 3);
        var posts = BenchmarkArgs.Int(args, "--posts", 100_000);
        BenchmarkArgs.Header($"report: the demo profile, then {posts:N0} posts; median of {runs} runs");
        await DemoAsync(runs);
        Large(posts, runs);
        return 0;
    }

    private static async Task DemoAsync(int runs)
    {
        var root = Path.Combine(Path.GetTempPath(), "insights-report-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = root }).Build();
            await using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddAnalytics(root).BuildServiceProvider();
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var import = services.GetRequiredService<Insights.Analytics.Ingestion.ImportService>();
            var profile = await import.EnsureProfileAsync("demo");
            var demo = Path.Combine(Repository(), "data", "demo");
            await import.ImportPathsAsync(profile.Id, new[] { "posts.csv", "followers.csv", "labels.csv", "media" }.Select(f => Path.Combine(demo, f)));
            var builder = services.GetRequiredService<ReportBuilder>();
            var engagement = services.GetRequiredService<EngagementService>();
            var request = new ReportRequest(profile.Id, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

            var clock = Stopwatch.StartNew();
            var drivers = await engagement.TrainDriversAsync(profile.Id);
            Console.WriteLine($"   demo: drivers model trained (5-fold CV + permutation importance): {clock.Elapsed.TotalSeconds:F1} s");
            await builder.BuildAsync(request, drivers: drivers); // warm-up
            var build = new List<double>();
            ReportContent content = null!;
            for (var r = 0; r < runs; r++)
            {
                clock.Restart();
                content = await builder.BuildAsync(request, drivers: drivers);
                build.Add(clock.Elapsed.TotalSeconds);
            }
            Console.WriteLine($"   demo 2025 ({content.Posts.Count:N0} posts): content with a trained model given: {BenchmarkArgs.Median(build):F2} s");
            foreach (var format in Enum.GetValues<ReportFormat>())
            {
                var times = new List<double>();
                long bytes = 0;
                for (var r = 0; r < runs + 1; r++)
                {
                    using var stream = new MemoryStream();
                    clock.Restart();
                    await Write(content, format, stream);
                    if (r > 0) times.Add(clock.Elapsed.TotalSeconds);
                    bytes = stream.Length;
                }
                Console.WriteLine($"   demo 2025 {format.ToString().ToUpperInvariant()}: {BenchmarkArgs.Median(times) * 1000:F0} ms, {bytes / 1024.0:N0} KB");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Large(int count, int runs)
    {
        var content = Synthetic(count);
        double Time(Action<Stream> write, out long bytes)
        {
            using var stream = new MemoryStream();
            var clock = Stopwatch.StartNew();
            write(stream);
            bytes = stream.Length;
            return clock.Elapsed.TotalSeconds;
        }
        Time(s => CsvReportWriter.WriteAsync(content, s).GetAwaiter().GetResult(), out _); // warm-up
        Time(s => Bare(content, s), out _);
        var ours = new List<double>();
        var bare = new List<double>();
        long csvBytes = 0, bareBytes = 0;
        for (var r = 0; r < runs; r++)
        {
            ours.Add(Time(s => CsvReportWriter.WriteAsync(content, s).GetAwaiter().GetResult(), out csvBytes));
            bare.Add(Time(s => Bare(content, s), out bareBytes));
        }
        Console.WriteLine($"   {count:N0} posts CSV: {BenchmarkArgs.Median(ours):F2} s ({csvBytes / 1048576.0:F0} MB); bare StreamWriter of the same fields: {BenchmarkArgs.Median(bare):F2} s ({bareBytes / 1048576.0:F0} MB); ratio {BenchmarkArgs.Median(ours) / BenchmarkArgs.Median(bare):F2}");
        var xlsx = new List<double>();
        long xlsxBytes = 0;
        for (var r = 0; r < runs; r++)
            xlsx.Add(Time(s => XlsxReportWriter.Write(content, s), out xlsxBytes));
        Console.WriteLine($"   {count:N0} posts XLSX: {BenchmarkArgs.Median(xlsx):F2} s ({xlsxBytes / 1048576.0:F0} MB)");
    }

    private static Task Write(ReportContent content, ReportFormat format, Stream stream) => format switch
    {
        ReportFormat.Pdf => PdfReportWriter.WriteAsync(content, stream),
        ReportFormat.Xlsx => XlsxReportWriter.WriteAsync(content, stream),
        _ => CsvReportWriter.WriteAsync(content, stream),
    };

    // The floor: the same values, invariant formatting, commas, no quoting, no neutralising, no column model.
    private static void Bare(ReportContent content, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        var inv = CultureInfo.InvariantCulture;
        foreach (var p in content.Posts)
        {
            writer.Write(p.PlatformPostId); writer.Write(',');
            writer.Write(p.PublishedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", inv)); writer.Write(',');
            writer.Write(p.MediaType.ToString().ToLowerInvariant()); writer.Write(',');
            writer.Write(p.Likes.ToString(inv)); writer.Write(',');
            writer.Write(p.Comments.ToString(inv)); writer.Write(',');
            writer.Write(p.Shares?.ToString(inv)); writer.Write(',');
            writer.Write(p.Saves?.ToString(inv)); writer.Write(',');
            writer.Write(p.Impressions?.ToString(inv)); writer.Write(',');
            writer.Write(p.Reach?.ToString(inv)); writer.Write(',');
            writer.Write(p.VideoViews?.ToString(inv)); writer.Write(',');
            writer.Write(p.DurationSeconds?.ToString("R", inv)); writer.Write(',');
            writer.Write(p.Followers?.ToString("R", inv)); writer.Write(',');
            writer.Write(p.FollowersExtrapolated ? "yes" : "no"); writer.Write(',');
            writer.Write(p.PopularityRate?.ToString("R", inv)); writer.Write(',');
            writer.Write(p.EngagementRate?.ToString("R", inv)); writer.Write(',');
            writer.Write(p.ClassName); writer.Write(',');
            writer.Write(p.Percentile?.ToString("R", inv)); writer.Write(',');
            foreach (var v in p.ManualLabels.Values) { writer.Write(v); writer.Write(','); }
            foreach (var v in p.Automatic!.Categories.Values) { writer.Write(v); writer.Write(','); }
            foreach (var v in p.Automatic.Numbers.Values) { writer.Write(v.ToString("R", inv)); writer.Write(','); }
            writer.Write(p.Caption); writer.Write(',');
            writer.WriteLine(p.Permalink);
        }
    }

    private static ReportContent Synthetic(int count)
    {
        var random = new Random(7);
        string[] topics = ["food", "travel", "team", "product", "=SUM(A1)"];
        var posts = Enumerable.Range(0, count).Select(i => new ReportPost(i, "p" + i, new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 15),
            (MediaType)(i % 3), $"Caption {i}, with a comma and \"quotes\" #tag{i % 50}", "https://example.com/p/" + i,
            random.Next(50, 5000), random.Next(0, 200), i % 2 == 0 ? random.Next(0, 100) : null, null, random.Next(1000, 90000), null, null, i % 3 == 1 ? random.Next(5, 60) : null,
            10_000 + i * 0.5, false, random.NextDouble() * 0.05, random.NextDouble() * 0.1, i % 3, (i % 3) switch { 0 => "low", 1 => "medium", _ => "high" }, random.NextDouble(),
            new Dictionary<string, string> { ["topic"] = topics[i % topics.Length], ["tone"] = i % 2 == 0 ? "warm" : "plain" },
            new AutomaticLabels(new Dictionary<string, string> { ["people"] = "one_person", ["text_overlay"] = (i % 2).ToString(CultureInfo.InvariantCulture) },
                new Dictionary<string, double> { ["brightness"] = random.NextDouble(), ["faces"] = i % 4 }),
            null, null)).ToList();
        var kpis = new ReportKpis(count, count, 0, 0, new ReportStatistic("PoR", 0.02, count, "%"), new ReportStatistic("ER", 0.05, count, "%"), 0, null, null, [0, 0, 0]);
        return new ReportContent("bench", "instagram", null, null, DateTime.UtcNow, kpis, ["low", "medium", "high"], posts, null, null, [], [], new Dictionary<long, byte[]>());
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Insights.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Insights.sln not found.");
    }
}
