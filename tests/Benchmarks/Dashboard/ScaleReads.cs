using System.Diagnostics;
using Insights.Analytics.Annotations;
using Insights.Analytics.Caching;
using Insights.Analytics.CustomLabels;
using Insights.Analytics.Storage;
using Insights.Benchmarks.Analytics;
using Insights.Dashboard.Labels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insights.Benchmarks.Dashboard;

/// <summary>The scale benchmark's reads on the generated database: the stamp query and a profile's labels, each beside a bare read.</summary>
internal static class ScaleReads
{
    public static async Task StampAsync(ServiceProvider services, int profiles)
    {
        var store = services.GetRequiredService<AnnotationStore>();
        var random = new Random(3);
        for (var i = 0; i < 50; i++)
            await store.StampAsync(random.Next(1, profiles + 1));
        const int Runs = 2000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
            await store.StampAsync(random.Next(1, profiles + 1));
        var ours = clock.Elapsed.TotalMilliseconds / Runs;
        // The read as it was before the store got its plain statement: a new EF Core context and a LINQ query each time.
        var contexts = services.GetRequiredService<IDbContextFactory<InsightsDbContext>>();
        clock.Restart();
        for (var i = 0; i < Runs; i++)
        {
            var profileId = random.Next(1, profiles + 1);
            await using var context = await contexts.CreateDbContextAsync();
            GC.KeepAlive(await context.Profiles.AsNoTracking().Where(p => p.Id == profileId)
                .Select(p => new LabelStamp(p.DataVersion, p.LabelsVersion, p.CustomLabelsVersion, p.TimeZone)).FirstOrDefaultAsync());
        }
        var throughContext = clock.Elapsed.TotalMilliseconds / Runs;
        var options = services.GetRequiredService<IOptions<StorageOptions>>();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(options.Value.DataDirectory, "insights.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DataVersion, LabelsVersion, CustomLabelsVersion FROM profiles WHERE Id = $id";
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        clock.Restart();
        for (var i = 0; i < Runs; i++)
        {
            id.Value = random.Next(1, profiles + 1);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
        }
        var bare = clock.Elapsed.TotalMilliseconds / Runs;
        Console.WriteLine($"   stamp query: {ours:F3} ms through the store (a plain statement on a pooled connection), {throughContext:F3} ms through a new EF Core context (the read before), " +
            $"bare prepared SELECT on one open connection {bare:F3} ms (ratio ours/bare {ours / bare:F1}, context/bare {throughContext / bare:F1}); target under 1 ms");
    }

    /// <summary>A profile's labels read whole by a fresh reader vs a bare read of the same rows' columns.</summary>
    public static async Task LabelReadAsync(ServiceProvider services, string directory, int samples)
    {
        var store = services.GetRequiredService<AnnotationStore>();
        var custom = services.GetRequiredService<CustomLabelStore>();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "insights.db")}");
        await connection.OpenAsync();
        var ours = new List<double>();
        var bare = new List<double>();
        var files = 0;
        for (var profileId = 1; profileId <= samples; profileId++)
        {
            var clock = Stopwatch.StartNew();
            files = await BareReadAsync(connection, profileId);
            bare.Add(clock.Elapsed.TotalMilliseconds);
            var source = new PostLabelSource(store, custom, new StampedCache(new MemoryCache(new MemoryCacheOptions()), Options.Create(new CacheOptions())), NullLogger<PostLabelSource>.Instance);
            clock.Restart();
            var read = (await source.AutomaticLabelsAsync(profileId)).Count + (await source.EmbeddingsAsync(profileId)).Count;
            ours.Add(clock.Elapsed.TotalMilliseconds);
            GC.KeepAlive(read);
        }
        double o = BenchmarkArgs.Median(ours), b = BenchmarkArgs.Median(bare);
        Console.WriteLine($"   a profile's labels ({files:N0} files): read into labels and embeddings {o:F0} ms, bare read of its rows {b:F0} ms (ratio {o / b:F2}; median of {samples})");
    }

    private static async Task<int> BareReadAsync(SqliteConnection connection, int profileId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT a.* FROM media_annotations a JOIN post_media pm ON pm.MediaAssetId = a.MediaAssetId JOIN posts p ON p.Id = pm.PostId WHERE p.ProfileId = $p";
        command.Parameters.AddWithValue("$p", profileId);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        var rows = 0;
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows;
    }
}
