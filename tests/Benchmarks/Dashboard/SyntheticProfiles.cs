using System.Globalization;
using Insights.Analytics.Extensions;
using Insights.Analytics.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Benchmarks.Dashboard;

/// <summary>
/// Profiles of synthetic posts written straight into a fresh database through the real schema: captions with 0 to 8
/// hashtags from a pool of 40, a manual "format" label, images, carousels and videos with durations, impressions on
/// every other post, follower snapshots, and planted effects on the likes (format "tutorial" × 1.5, 18:00–21:00 UTC
/// × 1.4, 3–5 hashtags × 1.3, #tips × 1.2), so the analyses have something to find. Also the bare read of the same
/// rows that the benchmarks are measured against.
/// </summary>
internal static class SyntheticProfiles
{
    private static readonly string[] Formats = ["tutorial", "behind the scenes", "product", "meme", "quote"];

    public static ServiceProvider Services(string directory) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory }).Build())
        .AddLogging()
        .AddAnalytics(directory)
        .BuildServiceProvider();

    /// <summary>Creates the database in <paramref name="directory"/> with <paramref name="profiles"/> profiles named bench-1... of <paramref name="posts"/> posts each.</summary>
    public static async Task GenerateAsync(string directory, int profiles, int posts)
    {
        await using (var services = Services(directory))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "insights.db")}");
        await connection.OpenAsync();
        await ScaleBenchmark.Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var profile = ScaleBenchmark.Command(connection, transaction, "INSERT INTO profiles (Id, Name, Platform, CreatedUtc, DataVersion, LabelsVersion, CustomLabelsVersion) VALUES ($id, $name, $platform, '2024-01-01 00:00:00', 1, 1, 0)", "$id", "$name", "$platform");
        var follower = ScaleBenchmark.Command(connection, transaction, "INSERT INTO follower_snapshots (ProfileId, Date, Followers) VALUES ($p, $d, $f)", "$p", "$d", "$f");
        var post = ScaleBenchmark.Command(connection, transaction,
            "INSERT INTO posts (Id, ProfileId, PlatformPostId, PublishedUtc, MediaType, Caption, Likes, Comments, Impressions, DurationSeconds) VALUES ($id, $p, $pid, $t, $type, $caption, $likes, $comments, $impressions, $duration)",
            "$id", "$p", "$pid", "$t", "$type", "$caption", "$likes", "$comments", "$impressions", "$duration");
        var label = ScaleBenchmark.Command(connection, transaction, "INSERT INTO manual_labels (PostId, Category, Value) VALUES ($post, 'format', $value)", "$post", "$value");
        string[] platforms = ["instagram", "tiktok", "youtube", "linkedin", "facebook", "x"];
        var random = new Random(42);
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        long postId = 0;
        for (var p = 1; p <= profiles; p++)
        {
            await ScaleBenchmark.Run(profile, p, $"bench-{p}", platforms[(p - 1) % platforms.Length]);
            await ScaleBenchmark.Run(follower, p, "2020-01-01", 20_000);
            await ScaleBenchmark.Run(follower, p, "2023-06-30", 45_000);
            await ScaleBenchmark.Run(follower, p, "2025-12-31", 60_000);
            var minutes = 6 * 365 * 24 * 60.0 / posts;
            for (var i = 0; i < posts; i++)
            {
                postId++;
                var published = start.AddMinutes(i * minutes + random.Next(0, 600));
                var type = random.Next(3);
                var format = Formats[random.Next(Formats.Length)];
                var tagCount = random.Next(9);
                var tags = Enumerable.Range(0, tagCount).Select(_ => "#tag" + random.Next(40)).Distinct().ToList();
                if (random.Next(6) == 0)
                    tags.Add("#tips");
                var effect = (format == "tutorial" ? 1.5 : 1) * (published.Hour is >= 18 and < 21 ? 1.4 : 1) * (tagCount is >= 3 and <= 5 ? 1.3 : 1) * (tags.Contains("#tips") ? 1.2 : 1);
                var likes = (long)(300 * effect * Math.Exp(0.5 * Gaussian(random)));
                await ScaleBenchmark.Run(post, postId, p, "p" + i.ToString(CultureInfo.InvariantCulture), published.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), type,
                    "A post " + string.Join(' ', tags), likes, likes / 20 + random.Next(10), i % 2 == 0 ? likes * 30 + random.Next(1000) : DBNull.Value,
                    type == 1 ? 5.0 + random.Next(120) : DBNull.Value);
                await ScaleBenchmark.Run(label, postId, format);
            }
        }
        await transaction.CommitAsync();
        await ScaleBenchmark.Exec(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    /// <summary>The baseline: every column of the profiles' posts and their manual labels read with a bare SqliteDataReader; returns the rows read.</summary>
    public static async Task<int> BareReadAsync(string directory, IEnumerable<int> profileIds)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "insights.db")}");
        await connection.OpenAsync();
        var rows = 0;
        foreach (var id in profileIds)
        {
            foreach (var sql in new[] { "SELECT * FROM posts WHERE ProfileId = $p", "SELECT l.* FROM manual_labels l JOIN posts p ON p.Id = l.PostId WHERE p.ProfileId = $p" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$p", id);
                await using var reader = await command.ExecuteReaderAsync();
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync())
                {
                    reader.GetValues(values);
                    rows++;
                }
            }
        }
        return rows;
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
