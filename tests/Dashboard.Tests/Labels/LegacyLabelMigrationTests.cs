using System.Text.Json;
using Insights.Analytics.Storage;
using Insights.Dashboard.Labels;
using Insights.Inference.Vision;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Insights.Dashboard.Tests.Labels;

/// <summary>
/// A database made by the previous version (labels as one JSON document per file, with both embeddings) is migrated
/// and its rows converted to columns at start, without labelling again, from labels the real models made.
/// </summary>
public sealed class LegacyLabelMigrationTests
{
    private const string PreviousMigration = "20261123104209_CustomLabels";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task OldJsonLabels_BecomeColumns_WithTheSameLabelsAndEmbeddings_AndAnUnreadableDocumentIsKeptAndMarkedFailed()
    {
        var images = DemoImages(2);
        List<LabelSet> real = [];
        await using (var labeller = InsightsApiFixture.Create())
        {
            var annotator = labeller.GetRequiredService<MediaAnnotator>();
            foreach (var image in images)
                real.Add((await annotator.AnnotateFileAsync(image)).Labels with { FeatureMap = null });
        }

        var directory = InsightsApiFixture.NewTempDirectory();
        var legacyJson = real.Select(l => JsonSerializer.Serialize(l, Json)).ToList();
        await CreateOldDatabaseAsync(Path.Combine(directory, "insights.db"), legacyJson);

        await using var app = InsightsApiFixture.Create(dataDirectory: directory);
        using var client = app.CreateClient();
        await using var context = app.NewDbContext();
        var rows = await context.Annotations.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(3, rows.Count);
        Assert.All(rows.Take(2), r => Assert.True(r.Succeeded && r.LabelsJson is null && r.Values is not null));
        Assert.False(rows[2].Succeeded);
        Assert.Contains("could not be read", rows[2].Error);
        Assert.Equal("{\"people\": ", rows[2].LabelsJson);

        var profileId = await context.Profiles.Select(p => p.Id).SingleAsync();
        var posts = await context.Posts.OrderBy(p => p.PlatformPostId).Select(p => p.Id).ToListAsync();
        var source = app.GetRequiredService<PostLabelSource>();
        var automatic = await source.AutomaticLabelsAsync(profileId);
        var embeddings = (await source.EmbeddingsAsync(profileId)).ToDictionary(e => e.PostId, e => e.Normalized);
        var assets = (await source.AssetsAsync(profileId)).OrderBy(a => a.AssetId).ToList();
        Assert.Equal(2, automatic.Count);
        for (var i = 0; i < 2; i++)
        {
            var labels = real[i];
            var post = automatic[posts[i]];
            Assert.Equal(PeopleLabel.Name(labels.People.Class), post.Categories["people"]);
            Assert.Equal(labels.Text.Present ? "1" : "0", post.Categories["text_overlay"]);
            Assert.Equal(labels.Style.IsDrawing ? "1" : "0", post.Categories["illustration"]);
            Assert.Equal(labels.Objects.Any(o => o.IsAnimal) ? "1" : "0", post.Categories["animals"]);
            Assert.Equal(labels.Faces.Count, post.Numbers["faces"]);
            Assert.Equal(labels.Stats.Brightness, post.Numbers["brightness"], 6);
            Assert.Equal(labels.Stats.Sharpness, post.Numbers["sharpness"], 4);
            Assert.Equal(labels.Text.AreaRatio, post.Numbers["text_area"], 6);
            Assert.Equal(labels.EmbeddingNormalized, embeddings[posts[i]]);
            // The Library's boxes survive in the detail.
            Assert.Equal(labels.People.Boxes, assets[i].Labels.People.Boxes);
            Assert.Equal(labels.Objects.Select(o => (o.Name, o.Count)), assets[i].Labels.Objects.Select(o => (o.Name, o.Count)));
            Assert.Equal(labels.Text.Boxes, assets[i].Labels.Text.Boxes);
            // What a file costs: the old document held both 1280-d embeddings as text.
            var stored = rows[i].DetailJson!.Length + rows[i].Embedding!.Length;
            Assert.True(stored * 2 < legacyJson[i].Length, $"{stored} bytes stored now vs {legacyJson[i].Length} before");
        }
    }

    private static async Task CreateOldDatabaseAsync(string path, IReadOnlyList<string> labelsJson)
    {
        var options = new DbContextOptionsBuilder<InsightsDbContext>().UseSqlite($"Data Source={path}").Options;
        await using (var context = new InsightsDbContext(options))
        {
            await context.GetService<IMigrator>().MigrateAsync(PreviousMigration);
            var created = "2024-01-01 00:00:00";
            await context.Database.ExecuteSqlAsync(
                $"INSERT INTO profiles (Id, Name, Platform, CreatedUtc, DataVersion) VALUES (1, 'legacy', 'instagram', {created}, 3);");
            for (var i = 1; i <= 3; i++)
            {
                var (postName, published, sha, storagePath) = ($"P{i}", $"2024-01-0{i} 10:00:00", new string((char)('a' + i), 64), $"media/{i}.jpg");
                await context.Database.ExecuteSqlAsync(
                    $"INSERT INTO posts (Id, ProfileId, PlatformPostId, PublishedUtc, MediaType, Likes, Comments) VALUES ({i}, 1, {postName}, {published}, 0, 10, 1);");
                await context.Database.ExecuteSqlAsync(
                    $"INSERT INTO media_assets (Id, Sha256, ContentType, Bytes, StoragePath, CreatedUtc) VALUES ({i}, {sha}, 'image/jpeg', 1, {storagePath}, {created});");
                await context.Database.ExecuteSqlAsync($"INSERT INTO post_media (PostId, Position, MediaAssetId) VALUES ({i}, 0, {i});");
            }
            for (var i = 0; i < 3; i++)
            {
                var json = i < labelsJson.Count ? labelsJson[i] : "{\"people\": ";
                await context.Database.ExecuteSqlRawAsync(
                    "INSERT INTO media_annotations (MediaAssetId, ModelVersion, Succeeded, LabelsJson, CreatedUtc) VALUES ({0}, 'old', 1, {1}, {2});",
                    i + 1, json, created);
            }
        }
        SqliteConnection.ClearAllPools();
    }

    private static List<string> DemoImages(int count)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var media = Path.Combine(directory.FullName, "data", "demo", "media");
            if (Directory.Exists(media))
                return Directory.EnumerateFiles(media, "img_*.jpg").Order(StringComparer.Ordinal).Take(count).ToList();
        }
        throw new DirectoryNotFoundException("data/demo/media");
    }
}
