using System.Net;
using System.Text;
using Insights.Analytics.Annotations;
using Insights.Dashboard.Tests.Api;
using Insights.Inference.Vision;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Tests.Classification;

/// <summary>A profile whose media carry planted labels and embeddings, written as if a labelling job had stored them.</summary>
internal static class LabelledProfile
{
    /// <summary>
    /// Imports posts a day apart with their images and stores labels for them as <paramref name="modelVersion"/>; odd posts get 10x the likes and an
    /// embedding leaning one way, even posts the other. With <paramref name="labelledPosts"/>, only the first that many posts get labels.
    /// </summary>
    public static async Task<int> SeedAsync(InsightsApiFixture app, string profile, int posts, string modelVersion, int? labelledPosts = null)
    {
        var csv = new StringBuilder("Post ID,Publish time,Likes,Comments\n");
        var files = new List<(string, byte[])>();
        for (var i = 0; i < posts; i++)
        {
            csv.Append($"P{i},{new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc).AddDays(i):yyyy-MM-ddTHH:mm:ssZ},{(i % 2 == 1 ? 500 : 50) + i},{i % 5}\n");
            files.Add(($"P{i}.png", TestFiles.Png((byte)i, (byte)(255 - i), (byte)(i * 3))));
        }
        using var client = app.CreateClient();
        var (status, body) = await client.ImportAsync(profile,
            ("posts.csv", TestFiles.Utf8(csv.ToString())), ("followers.csv", TestFiles.Utf8("date,followers\n2024-01-01,10000\n")), ("media.zip", TestFiles.Zip([.. files])));
        Assert.True(status == HttpStatusCode.OK, body.ToString());

        await using var context = app.NewDbContext();
        var profileId = await context.Profiles.Where(p => p.Name == profile).Select(p => p.Id).SingleAsync();
        await LabelAsync(app, profileId, modelVersion, 0, labelledPosts ?? posts);
        return profileId;
    }

    /// <summary>Stores labels for posts <paramref name="from"/> to <paramref name="to"/> (exclusive) of a profile seeded by <see cref="SeedAsync"/>.</summary>
    public static async Task LabelAsync(InsightsApiFixture app, int profileId, string modelVersion, int from, int to)
    {
        await using var context = app.NewDbContext();
        var links = await context.PostMedia.Where(pm => pm.Post!.ProfileId == profileId)
            .Select(pm => new { pm.Post!.PlatformPostId, pm.MediaAssetId }).ToListAsync();
        var store = app.GetRequiredService<AnnotationStore>();
        var random = new Random(1 + from);
        foreach (var link in links)
        {
            var i = int.Parse(link.PlatformPostId[1..], System.Globalization.CultureInfo.InvariantCulture);
            if (i >= from && i < to)
                await store.SaveAsync(link.MediaAssetId, modelVersion, Insights.Dashboard.Labels.StoredLabels.ToValues(Labels(i % 2 == 1, random)), null);
        }
    }

    private static LabelSet Labels(bool popular, Random random)
    {
        var embedding = Enumerable.Range(0, 1280).Select(j => (float)Math.Max(0, random.NextDouble() + (popular == (j < 640) ? 0.4 : 0))).ToArray();
        var norm = (float)Math.Sqrt(embedding.Sum(v => (double)v * v));
        return new LabelSet
        {
            Kind = MediaKind.Image,
            Width = 100,
            Height = 100,
            People = new PeopleLabel(0, PeopleLabel.ClassOf(0), []),
            Faces = new FaceLabel(0, []),
            Objects = [],
            Text = new TextOverlayLabel(false, 0f, []),
            Style = new StyleLabel(false, 0.1f, false, 0.01f, new Dictionary<string, float>()),
            Stats = new VisualStats(0.5f, 0.2f, 0.3f, 0.4f, null, 1f),
            Embedding = embedding,
            EmbeddingNormalized = embedding.Select(v => v / norm).ToArray(),
            Models = new Dictionary<string, string>(),
        };
    }
}
